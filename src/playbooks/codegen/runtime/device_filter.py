"""Playbook runtime: device filters ("servers only", "except domain controllers", groups, tags, names)."""
import fnmatch

from alerts import devices_of
from core import SEVERITY_ORDER, PlaybookError, defender, emit, log

# ---------------------------------------------------------------------------
# Runtime: device filters
# ---------------------------------------------------------------------------

# A server: osPlatform contains "Server"; or a Linux / other non-Windows-client device whose RBAC group
# or machine tags say "server". A workstation: any device that is not a server. Defender has no reliable
# domain-controller flag: a DC is recognised by its name (dc01, dc-east, hq-dc2) or a group / tag hint.
CLIENT_PLATFORMS = ("windows7", "windows8", "windows10", "windows11", "macos", "ios", "android")
KIND_WORDS = {"server": ("a server", "servers"), "workstation": ("a workstation", "workstations"),
              "domainController": ("a domain controller", "domain controllers")}
MACHINE_TAGS = {}


def device_details(ctx, device):
    """The alert's devices[] entry for a device: osPlatform, rbacGroupName, deviceDnsName, riskScore."""
    for alert in ctx.incident.get("alerts") or []:
        for entry in alert.get("devices") or []:
            if entry.get("mdatpDeviceId") == device["machineId"]:
                return entry
    return {}


def machine_tags(ctx, device, entry):
    """The machine's tags: from the alert when it carries them, else from /api/machines/{id}; None when unknown."""
    if isinstance(entry.get("machineTags"), list):
        return [str(t) for t in entry["machineTags"]]
    key = device["machineId"]
    if key not in MACHINE_TAGS:
        try:
            machine = defender(ctx, "GET", "/api/machines/%s" % key, what="reading the tags of %s" % device["deviceName"])
            MACHINE_TAGS[key] = [str(t) for t in machine.get("machineTags") or []]
        except PlaybookError as exc:
            log("could not read the tags of %s: %s" % (device["deviceName"], exc))
            MACHINE_TAGS[key] = None
    return MACHINE_TAGS[key]


def device_kinds(entry, name, labels):
    """The kinds a device is (server / workstation / domainController), or None when the alert has no osPlatform."""
    platform = str(entry.get("osPlatform") or "").lower()
    if not platform:
        return None
    client = platform.startswith(CLIENT_PLATFORMS)
    server = "server" in platform or (not client and any("server" in label for label in labels))
    short_name = name.lower().split(".")[0]
    dc = (short_name[:2] == "dc" and (len(short_name) == 2 or short_name[2] in "0123456789-_")) or any(
        short_name[i:i + 3] == "-dc" and (len(short_name) == i + 3 or short_name[i + 3] in "0123456789-_")
        for i in range(len(short_name))) or any("domain controller" in label or label in ("dc", "dcs") for label in labels)
    kinds = ["server"] if server else ["workstation"]
    if dc:
        kinds.append("domainController")
    return kinds


def words_in(text, phrase):
    return (" %s " % " ".join(text.lower().replace("-", " ").replace("_", " ").split())).find(
        " %s " % " ".join(phrase.lower().replace("-", " ").replace("_", " ").split())) >= 0


def same_words(text, phrase):
    return " ".join(text.lower().replace("-", " ").replace("_", " ").split()) == " ".join(
        phrase.lower().replace("-", " ").replace("_", " ").split())


def plain_words(text):
    return " ".join(text.lower().replace("-", " ").replace("_", " ").split())


def edit_distance(a, b):
    """Levenshtein distance between two short names."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def near_name(label, named):
    """Whether a name is the one named but for a typo ("Finanse" for "Finance"): one edit in a name of 5 letters or
    more, two in one of 9 or more. Only ever used to leave a device out, the safe side of a misspelt exception."""
    a, b = plain_words(label), plain_words(named)
    if a == b:
        return True
    if len(b) < 5 or "*" in b:
        return False
    return edit_distance(a, b) <= (2 if len(b) >= 9 else 1)


def group_is(group, named, lenient):
    """Whether a device group is the one named: the same words, a name pattern ("Engineering - *"), or, leniently, one
    whose name holds it or is it but for a typo."""
    if "*" in named:
        return fnmatch.fnmatchcase(plain_words(group), plain_words(named)) or fnmatch.fnmatchcase(group.lower(), named.lower())
    return (words_in(group, named) or near_name(group, named)) if lenient else same_words(group, named)


def device_criteria(ctx, device, match, lenient=False):
    """Each criterion of a match block as (holds: True / False / None when unknown, what the device is, what was asked).

    A group named to act on must be the device's group ("Workstations" is not "Executive Workstations"); a group
    named to leave out also leaves out the groups whose name holds it or is it but for a typo, and a tag named to leave
    out a tag misspelt so (lenient), the safe side of a near name."""
    entry = device_details(ctx, device)
    name = str(entry.get("deviceDnsName") or device.get("deviceName") or device["machineId"])
    group = str(entry.get("rbacGroupName") or "")
    tags = machine_tags(ctx, device, entry) if match.get("tags") else (
        [str(t) for t in entry.get("machineTags")] if isinstance(entry.get("machineTags"), list) else [])
    labels = [label.lower() for label in [group] + (tags or []) if label]
    out = []
    if match.get("kinds"):
        kinds = device_kinds(entry, name, labels)
        what = ("%s (osPlatform %s)" % (" and ".join(KIND_WORDS[k][0] for k in kinds), entry.get("osPlatform"))
                if kinds else "its kind is unknown (the alert has no osPlatform)")
        out.append((None if kinds is None else any(k in kinds for k in match["kinds"]), what,
                    " or ".join(KIND_WORDS[k][1] for k in match["kinds"])))
    if match.get("groups"):
        held = any(group_is(group, g, lenient) for g in match["groups"]) or any(
            t.lower() == g.lower() or (lenient and near_name(t, g)) for t in tags or [] for g in match["groups"])
        out.append((held, "in group %s" % (group or "(none)"), "devices in the %s group" % " or ".join(match["groups"])))
    if match.get("tags"):
        held = None if tags is None else any(t.lower() == w.lower() or (lenient and near_name(t, w)) for t in tags for w in match["tags"])
        out.append((held, "tagged %s" % (", ".join(tags) or "(no tags)") if tags is not None else "its tags could not be read",
                    "devices tagged %s" % " or ".join(match["tags"])))
    if match.get("namePatterns"):
        short_name = name.split(".")[0]
        held = any(fnmatch.fnmatchcase(n.lower(), p.lower()) for p in match["namePatterns"] for n in (name, short_name))
        out.append((held, "named %s" % name, "devices named %s" % " or ".join(match["namePatterns"])))
    if match.get("osPlatforms"):
        platform = str(entry.get("osPlatform") or "")
        held = bool(platform) and any(platform.lower().startswith(p.lower()) for p in match["osPlatforms"])
        out.append((held if platform else None, "running %s" % platform if platform else "its OS is unknown",
                    "devices running %s" % " or ".join("Windows Server" if p == "WindowsServer" else p for p in match["osPlatforms"])))
    if match.get("healthStatuses"):
        health = str(entry.get("healthStatus") or "")
        held = bool(health) and health.lower() in [h.lower() for h in match["healthStatuses"]]
        out.append((held if health else None, "health status %s" % health if health else "its health status is unknown",
                    "devices whose health status is %s" % " or ".join(match["healthStatuses"])))
    if match.get("minRiskScore"):
        score = entry.get("riskScore") or device.get("riskScore")
        held = SEVERITY_ORDER.get(str(score or "").lower(), -1) >= SEVERITY_ORDER[match["minRiskScore"].lower()]
        out.append((held, "with risk score %s" % (score or "none"), "devices with a %s risk score" % match["minRiskScore"]))
    if match.get("ranThere"):
        held, what = ran_there(ctx, device)
        out.append((held, what, "the device the alert's file or process was seen on"))
    return out


def ran_there(ctx, device):
    """Whether the alert's file or process was seen on this device: (True / False / None when unknown, what it is).

    A File or Process entity names its device by deviceId. An alert with one device and no such entity was raised
    on that device; with several devices and no such entity, Rampart cannot tell which one it was."""
    verdicts = []
    for alert in ctx.incident.get("alerts") or []:
        ids = [d.get("mdatpDeviceId") for d in alert.get("devices") or []]
        if device["machineId"] not in ids:
            continue
        seen = [e.get("deviceId") for e in alert.get("entities") or []
                if str(e.get("entityType") or "").lower() in ("file", "process") and e.get("deviceId")]
        if seen:
            verdicts.append(device["machineId"] in seen)
        elif len(ids) == 1:
            verdicts.append(True)
    if any(verdicts):
        return True, "the alert's file or process was seen on it"
    if verdicts:
        return False, "the alert's file or process was seen on another device"
    return None, "the alert does not say which of its devices the file or process was seen on"


def device_allowed(ctx, device, device_filter, lenient=False):
    """(allowed, reason). A device the filter cannot judge is skipped: acting on the wrong machine is worse."""
    name = device.get("deviceName") or device["machineId"]
    include = device_criteria(ctx, device, device_filter.get("include") or {}, lenient)
    for held, what, wanted in include:
        if held is None:
            return False, "skipped %s: %s, so Rampart cannot tell whether it is one of the %s the request is for" % (name, what, wanted)
        if not held:
            return False, "skipped %s: %s, the request is for %s only" % (name, what, wanted)
    for held, what, wanted in device_criteria(ctx, device, device_filter.get("exclude") or {}, lenient=True):
        if held is None:
            return False, "skipped %s: %s, so Rampart cannot rule out that it is one of the %s the request excludes" % (name, what, wanted)
        if held:
            return False, "skipped %s: %s, the request excludes %s" % (name, what, wanted)
    kept = "; ".join(what for _held, what, _wanted in include) or "not excluded"
    return True, "%s: %s" % (name, kept)


def filtered_devices(ctx, devices, device_filter, action):
    """The devices a step may act on, with a condition event for each device kept or skipped."""
    allowed = []
    for device in devices:
        ok, reason = device_allowed(ctx, device, device_filter)
        emit("condition", name="device filter (%s)" % action, result=ok, reason=reason,
             deviceName=device.get("deviceName"), machineId=device["machineId"])
        if ok:
            allowed.append(device)
    return allowed


def device_is(ctx, alerts, match, lenient=False):
    """A device of the alerts meets every criterion of the match ("on a server: mail it-infra").

    lenient where the test holds a step back ("unless the device is in the Servers group"): a near group name counts."""
    devices = devices_of(alerts)
    for device in devices:
        ok, reason = device_allowed(ctx, device, {"include": match}, lenient)
        if ok:
            return True, reason
    names = ", ".join(d["deviceName"] for d in devices) or "no device"
    return False, "no device of the alert is one of those asked for (%s)" % names
