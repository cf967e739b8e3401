"""Playbook runtime: what an incident contains, what its trigger means, and step conditions' scopes."""
from core import ConditionUnknown, emit
from generated import SOURCE_ALIASES, TOPICS, TRIGGER

# ---------------------------------------------------------------------------
# Runtime: what an incident contains
# ---------------------------------------------------------------------------

def canonical_source(name):
    return SOURCE_ALIASES.get(str(name or "").lower(), name)


def devices_of(alerts):
    seen, devices = set(), []
    for alert in alerts:
        for device in alert.get("devices") or []:
            machine_id = device.get("mdatpDeviceId")
            if machine_id and machine_id not in seen:
                seen.add(machine_id)
                devices.append({"machineId": machine_id, "deviceName": device.get("deviceDnsName") or machine_id,
                                "riskScore": device.get("riskScore"), "alertId": alert.get("alertId")})
    return devices


def entities_of(alerts, entity_type):
    return [(alert, entity) for alert in alerts for entity in alert.get("entities") or []
            if str(entity.get("entityType", "")).lower() == entity_type.lower()]


# What a trigger means (the same rules as src/incidents/triggers.ts, checked by one table of cases):
# every comparison ignores case; service sources are compared by canonical name. An alert passes
# when each given filter holds: severity (the alert's, or the incident's when it has none), service
# source, detection source, category, and the subject (any topic or title keyword). For an alert
# trigger the passing alerts are acted on; for an incident trigger the severity is the incident's,
# one alert must pass the other filters, and every alert is acted on.


def listed(values, value):
    return not values or str(value or "").lower() in [v.lower() for v in values]


def subject_matches(incident, alert, own_only=None):
    """Any topic (keyword in the incident name or alert title, or the alert's category) or any title keyword.
    The incident name is not read when some alert names the subject by its own title or category."""
    if not TRIGGER["topics"] and not TRIGGER["titleKeywords"]:
        return True
    if own_only is None:
        own_only = any(subject_matches(incident, a, True) for a in incident.get("alerts") or [])
    texts = ["" if own_only else str(incident.get("incidentName") or "").lower(), str((alert or {}).get("title") or "").lower()]
    category = str((alert or {}).get("category") or "").lower()
    for topic in TRIGGER["topics"]:
        if any(k.lower() in t for k in TOPICS[topic]["keywords"] for t in texts):
            return True
        if category and category in [c.lower() for c in TOPICS[topic]["categories"]]:
            return True
    return any(k.lower() in t for k in TRIGGER["titleKeywords"] for t in texts)


def alert_filters_fail(incident, alert, own_only=None):
    """Why the alert fails a filter other than severity, or None when it passes them all."""
    if TRIGGER["serviceSources"] and canonical_source(alert.get("serviceSource")) not in TRIGGER["serviceSources"]:
        return "alert %s comes from %s" % (alert.get("alertId"), alert.get("serviceSource"))
    if not listed(TRIGGER["detectionSources"], alert.get("detectionSource")):
        return "alert %s was detected by %s" % (alert.get("alertId"), alert.get("detectionSource"))
    if not listed(TRIGGER["categories"], alert.get("category")):
        return "alert %s is in category %s" % (alert.get("alertId"), alert.get("category"))
    if not subject_matches(incident, alert, own_only):
        return "alert %s is not about %s" % (alert.get("alertId"), " or ".join(TRIGGER["topics"] + TRIGGER["titleKeywords"]))
    return None


def alert_matches(incident, alert, own_only=None):
    """The trigger's alert filters (severity, source, detection source, category, topic, title words)."""
    severity = alert.get("severity") or incident.get("severity")
    if not listed(TRIGGER["severities"], severity):
        return False, "alert %s is %s severity" % (alert.get("alertId"), severity)
    problem = alert_filters_fail(incident, alert, own_only)
    if problem:
        return False, problem
    return True, "alert %s (%s, %s severity, %s) matches" % (alert.get("alertId"), alert.get("title"),
                                                             severity, alert.get("serviceSource"))


def matching_alerts(incident):
    """Applies the trigger; returns the alerts the steps act on (empty when the trigger does not match)."""
    alerts = incident.get("alerts") or []
    if not listed(TRIGGER["statuses"], incident.get("status")):
        return [], "incident status is %s, not %s" % (incident.get("status"), " or ".join(TRIGGER["statuses"]))
    if not listed(TRIGGER["classifications"], incident.get("classification")):
        return [], "incident classification is %s, not %s" % (incident.get("classification"), " or ".join(TRIGGER["classifications"]))
    # Read once per incident: whether an alert names the subject itself.
    own_only = any(subject_matches(incident, a, True) for a in alerts)
    if TRIGGER["kind"] == "alert":
        matched, reasons = [], []
        for alert in alerts:
            ok, reason = alert_matches(incident, alert, own_only)
            reasons.append(reason)
            if ok:
                matched.append(alert)
        if not matched:
            return [], "no alert matches: " + "; ".join(reasons or ["the incident has no alerts"])
        return matched, "; ".join(r for r in reasons if r.endswith("matches"))
    if not listed(TRIGGER["severities"], incident.get("severity")):
        return [], "incident severity is %s, not %s" % (incident.get("severity"), " or ".join(TRIGGER["severities"]))
    if not alerts:
        if TRIGGER["serviceSources"] or TRIGGER["detectionSources"] or TRIGGER["categories"]:
            return [], "the incident has no alerts to check the source or category of"
        if not subject_matches(incident, None):
            return [], "the incident name does not mention %s" % " or ".join(TRIGGER["topics"] + TRIGGER["titleKeywords"])
    else:
        problems = [alert_filters_fail(incident, alert, own_only) for alert in alerts]
        if all(problems):
            return [], "no alert matches: " + "; ".join(problems)
    return alerts or [incident_as_alert(incident)], "incident %s (%s, %s severity) matches" % (
        incident.get("incidentId"), incident.get("incidentName"), incident.get("severity"))


def incident_as_alert(incident):
    return {"alertId": "incident-%s" % incident.get("incidentId"), "devices": [], "entities": []}


def alerts_meeting(ctx, name, alerts, check, scope):
    """Evaluates a step's condition per alert, or once for the incident; emits a condition event for each decision."""
    if scope == "alert":
        passed = []
        for alert in alerts:
            try:
                ok, reason = check([alert])
            except ConditionUnknown as exc:
                ok, reason = False, "skipped: %s" % exc
            emit("condition", name=name, result=bool(ok), reason=reason, alertId=alert.get("alertId"))
            if ok:
                ctx.reasons[alert.get("alertId")] = reason
                passed.append(alert)
        return passed
    try:
        ok, reason = check(alerts)
    except ConditionUnknown as exc:
        ok, reason = False, "skipped: %s" % exc
    emit("condition", name=name, result=bool(ok), reason=reason)
    if ok:
        for alert in alerts:
            ctx.reasons[alert.get("alertId")] = reason
    return alerts if ok else []


def evidence_for(ctx, alert_id, **extra):
    evidence = {"alertId": alert_id, "reason": ctx.reasons.get(alert_id, "the trigger matched")}
    evidence.update(extra)
    return evidence
