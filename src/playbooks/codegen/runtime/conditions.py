"""Playbook runtime: step conditions (combinators and the leaf evaluators that need no API)."""
import datetime
import re

from alerts import canonical_source, devices_of, entities_of
from core import SEVERITY_ORDER, path_has


# ---------------------------------------------------------------------------
# Runtime: step conditions
# ---------------------------------------------------------------------------


def all_of(*results):
    failed = [reason for ok, reason in results if not ok]
    if failed:
        return False, "; ".join(failed)
    return True, "; ".join(reason for _, reason in results)


def any_of(*results):
    passed = [reason for ok, reason in results if ok]
    if passed:
        return True, "; ".join(passed)
    return False, "; ".join(reason for _, reason in results)


def not_(result):
    ok, reason = result
    return (not ok), reason


def device_risk_at_least(alerts, level):
    devices = devices_of(alerts)
    risky = [d for d in devices if SEVERITY_ORDER.get(str(d.get("riskScore") or "").lower(), -1) >= SEVERITY_ORDER[level.lower()]]
    if risky:
        return True, "%s has risk score %s" % (risky[0]["deviceName"], risky[0]["riskScore"])
    scores = ", ".join("%s: %s" % (d["deviceName"], d.get("riskScore") or "none") for d in devices) or "no device"
    return False, "no device has a %s risk score (%s)" % (level, scores)


def entity_present(alerts, entity_type):
    found = entities_of(alerts, entity_type)
    if found:
        return True, "the alert involves a %s entity" % entity_type
    return False, "no %s entity in the alert" % entity_type


COUNTED = {"device": ("device", "devices"), "user": ("user", "users"), "alert": ("alert", "alerts"),
           "file": ("file", "files"), "ip": ("IP address", "IP addresses"), "url": ("URL", "URLs")}


def counted_entities(incident, entity):
    """The distinct entities of a kind across every alert of the incident (lower-cased keys)."""
    alerts = incident.get("alerts") or []
    if entity == "alert":
        return {str(a.get("alertId") or i) for i, a in enumerate(alerts)}
    if entity == "device":
        return {d["machineId"] for d in devices_of(alerts)}
    fields = {"user": ("aadUserId", "userPrincipalName", "accountName"), "file": ("sha256", "sha1", "md5", "fileName"),
              "ip": ("ipAddress",), "url": ("url",)}[entity]
    entity_type = {"user": "User", "file": "File", "ip": "Ip", "url": "Url"}[entity]
    found = set()
    for _alert, item in entities_of(alerts, entity_type):
        key = next((str(item[f]).lower() for f in fields if item.get(f)), None)
        if key:
            found.add(key)
    return found


def entity_count_at_least(ctx, entity, at_least):
    """The incident (all its alerts) involves at least at_least distinct entities of a kind."""
    count = len(counted_entities(ctx.incident, entity))
    words = COUNTED[entity]
    return count >= at_least, "the incident involves %d %s (%s%d needed)" % (
        count, words[0] if count == 1 else words[1], "at least " if at_least > 1 else "", at_least)


def where_of(alerts):
    return "alert %s" % alerts[0].get("alertId") if len(alerts) == 1 else "the incident"


def alert_severity(incident, alert):
    """An alert's severity; an alert that carries none has the incident's."""
    return str(alert.get("severity") or incident.get("severity") or "")


def severity_is(ctx, alerts, severities, incident_scope):
    """For an incident scope, the incident's own severity, as the trigger reads it ("Medium incidents" are not
    High incidents that hold a Medium alert); an alert scope, any of its alerts' severities."""
    wanted = [s.lower() for s in severities]
    own = str(ctx.incident.get("severity") or "")
    if incident_scope and own:
        if own.lower() in wanted:
            return True, "the incident is %s severity" % own
        return False, "the incident is %s severity, not %s" % (own, " or ".join(severities))
    seen = [alert_severity(ctx.incident, a) for a in alerts]
    hit = next((s for s in seen if s.lower() in wanted), None)
    if hit:
        return True, "%s is %s severity" % (where_of(alerts), hit)
    return False, "%s is %s severity, not %s" % (where_of(alerts), "/".join(sorted(set(seen))) or "of no", " or ".join(severities))


def alert_field_in(alerts, field, wanted, label, normalise=str):
    wanted_lower = [normalise(w).lower() for w in wanted]
    values = [normalise(str(a.get(field) or "")) for a in alerts]
    hit = next((v for v in values if v.lower() in wanted_lower), None)
    if hit:
        return True, "%s: %s is %s" % (where_of(alerts), label, hit)
    return False, "%s: %s is %s, not %s" % (where_of(alerts), label, "/".join(sorted(set(v or "(none)" for v in values))) or "(none)",
                                            " or ".join(wanted))


def category_is(alerts, categories):
    return alert_field_in(alerts, "category", categories, "category")


def service_source_is(alerts, sources):
    return alert_field_in(alerts, "serviceSource", sources, "service source", canonical_source)


def detection_source_is(alerts, sources):
    return alert_field_in(alerts, "detectionSource", sources, "detection source")


def title_contains(ctx, alerts, keywords):
    """The incident name or an alert title of the scope mentions a keyword (case-insensitive). As the trigger reads it,
    when some alert of the incident names it in its own title, the incident name is not read: an alert beside it whose
    title does not is no such alert."""
    titles = [str(a.get("title") or "") for a in ctx.incident.get("alerts") or []]
    named_by_alert = any(k.lower() in t.lower() for k in keywords for t in titles)
    texts = ([] if named_by_alert else [str(ctx.incident.get("incidentName") or "")]) + [str(a.get("title") or "") for a in alerts]
    for keyword in keywords:
        for text in texts:
            if keyword.lower() in text.lower():
                return True, "\"%s\" mentions \"%s\"" % (text, keyword)
    return False, "neither the incident name nor the titles in %s mention %s" % (
        where_of(alerts), " or ".join("\"%s\"" % k for k in keywords))


def mitre_technique_is(alerts, techniques):
    """An alert of the scope lists one of the techniques; T1003 also matches T1003.001."""
    wanted = [t.upper() for t in techniques]
    seen = [str(t).upper() for a in alerts for t in a.get("mitreTechniques") or []]
    hit = next((t for t in seen if any(t == w or t.startswith(w + ".") for w in wanted)), None)
    if hit:
        return True, "%s is mapped to %s" % (where_of(alerts), hit)
    return False, "%s is mapped to %s, not %s" % (where_of(alerts), ", ".join(sorted(set(seen))) or "no MITRE technique",
                                                  " or ".join(techniques))


def family_parts(name):
    """A threat family name and its parts: "Trojan:Win32/Emotet.A" -> trojanwin32emoteta, trojan, win32, emotet, a."""
    lower = (name or "").lower()
    return {re.sub(r"[^a-z0-9]", "", lower)} | {p for p in re.split(r"[^a-z0-9]+", lower) if p}


def threat_family_is(alerts, families):
    """An alert of the scope names one of the threat families, whole or as a part of Defender's name
    ("EICAR" matches "EICAR_Test_File"; "Cobalt Strike" matches "CobaltStrike"), case-insensitively."""
    wanted = [re.sub(r"[^a-z0-9]", "", f.lower()) for f in families]
    values = [str(a.get("threatFamilyName") or "") for a in alerts]
    hit = next((v for v in values if v and any(w and w in family_parts(v) for w in wanted)), None)
    if hit:
        return True, "%s: threat family is %s" % (where_of(alerts), hit)
    return False, "%s: threat family is %s, not %s" % (where_of(alerts), "/".join(sorted(set(v or "(none)" for v in values))) or "(none)",
                                                     " or ".join(families))


def file_path_of(item):
    """A File entity's full path: its folder and its name, back-slashed, lower-cased."""
    folder = str(item.get("filePath") or "").rstrip("\\/")
    name = str(item.get("fileName") or "")
    return ("%s\\%s" % (folder, name) if folder and name else folder or name).replace("/", "\\").lower()


def file_path_contains(alerts, fragments):
    """A File entity of the scope sits under a path that contains one of the fragments (case-insensitive)."""
    paths = [file_path_of(item) for _alert, item in entities_of(alerts, "File")]
    for fragment in fragments:
        hit = next((p for p in paths if path_has(p, fragment)), None)
        if hit:
            return True, "%s contains \"%s\"" % (hit, fragment)
    return False, "no file of %s is under %s (%s)" % (where_of(alerts), " or ".join("\"%s\"" % f for f in fragments),
                                                     ", ".join(paths) or "no file")


def mail_subject_contains(alerts, words):
    """A MailMessage entity of the scope has a subject containing one of the words (case-insensitive)."""
    subjects = [str(item.get("subject") or "") for _alert, item in entities_of(alerts, "MailMessage")]
    for word in words:
        hit = next((s for s in subjects if word.lower() in s.lower()), None)
        if hit:
            return True, "the mail's subject \"%s\" contains \"%s\"" % (hit, word)
    return False, "no mail of %s has %s in its subject (%s)" % (where_of(alerts), " or ".join("\"%s\"" % w for w in words),
                                                             ", ".join("\"%s\"" % s for s in subjects) or "no mail")


def mail_delivery_is(alerts, actions):
    """A MailMessage entity of the scope had one of the delivery actions (case-insensitive)."""
    wanted = [a.lower() for a in actions]
    seen = [str(item.get("deliveryAction") or "") for _alert, item in entities_of(alerts, "MailMessage")]
    hit = next((s for s in seen if s.lower() in wanted), None)
    if hit:
        return True, "the mail was %s" % hit
    return False, "the mail was %s, not %s" % ("/".join(sorted(set(s or "(unknown)" for s in seen))) or "(no mail in the alert)",
                                               " or ".join(actions))


def incident_tagged(ctx, tags):
    present = [str(t) for t in ctx.incident.get("tags") or []]
    hit = next((t for t in present if t.lower() in [w.lower() for w in tags]), None)
    if hit:
        return True, "the incident is tagged %s" % hit
    return False, "the incident's tags (%s) include none of %s" % (", ".join(present) or "none", ", ".join(tags))


def incident_assignment(ctx, assigned, to):
    owner = str(ctx.incident.get("assignedTo") or "")
    if not assigned:
        return (not owner), ("the incident is assigned to %s" % owner if owner else "the incident is unassigned")
    if to:
        return owner.lower() == to.lower(), "the incident is assigned to %s" % (owner or "nobody")
    return bool(owner), ("the incident is assigned to %s" % owner if owner else "the incident is unassigned")


WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MOMENT_FIELDS = {"alertCreated": ("creationTime", "raised"), "firstActivity": ("firstActivity", "activity began")}


def utc_moment(value):
    """A Defender timestamp ("2026-11-20T08:14:03.0000000Z", with an offset or none) as an aware UTC datetime, or None."""
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$", str(value or "").strip())
    if not m:
        return None
    year, month, day, hour, minute = (int(x) for x in m.group(1, 2, 3, 4, 5))
    moment = datetime.datetime(year, month, day, hour, minute, int(m.group(6) or 0), tzinfo=datetime.timezone.utc)
    zone = m.group(7)
    if zone and zone != "Z":
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        moment -= sign * datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return moment


def clock_minutes(text):
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def in_window(moment, days, start, end):
    if days and WEEKDAY_NAMES[moment.weekday()] not in days:
        return False
    if start is None:
        return True
    now, low, high = moment.hour * 60 + moment.minute, clock_minutes(start), clock_minutes(end)
    return low <= now < high if low < high else (now >= low or now < high)


def time_in_window(ctx, alerts, at, days, start, end):
    """The incident's creation, or a scope alert's creation or first activity, falls in the window (UTC). No time known: no."""
    if at == "incidentCreated":
        moments = [("the incident was created", ctx.incident.get("createdTime"))]
    else:
        field, verb = MOMENT_FIELDS[at]
        moments = [("alert %s %s" % (a.get("alertId") or "?", verb), a.get(field)) for a in alerts]
    seen = []
    for label, raw in moments:
        moment = utc_moment(raw)
        if moment is None:
            continue
        stamp = "%s %s UTC" % (WEEKDAY_NAMES[moment.weekday()], moment.strftime("%Y-%m-%d %H:%M"))
        if in_window(moment, days, start, end):
            return True, "%s on %s" % (label, stamp)
        seen.append("%s on %s" % (label, stamp))
    window = " ".join(part for part in (("on " + "/".join(days)) if days else "", ("%s-%s" % (start, end)) if start else "") if part)
    return False, "%s, not %s UTC" % ("; ".join(seen) or "no time is known", window)
