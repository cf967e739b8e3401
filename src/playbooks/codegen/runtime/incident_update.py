"""Playbook runtime: the incident update (status, classification, owner, tags, comment), sent once at the end."""
from actions import actions_summary, perform
from core import defender
from generated import PLAYBOOK_NAME


# ---------------------------------------------------------------------------
# Runtime: the incident update
# ---------------------------------------------------------------------------


def queue_incident_update(ctx, changes, evidence):
    """Incident changes from every step go out as one PATCH at the end (the API replaces fields wholesale)."""
    for key, value in changes.items():
        if key == "addTags":
            ctx.incident_changes.setdefault("addTags", [])
            ctx.incident_changes["addTags"].extend(t for t in value if t not in ctx.incident_changes["addTags"])
        else:
            ctx.incident_changes[key] = value
    ctx.incident_notes.append(evidence.get("reason", ""))


def flush_incident_update(ctx, vt_report):
    changes = ctx.incident_changes
    if not changes:
        return None
    incident = ctx.incident
    body = {}
    for key in ("status", "classification", "determination", "assignedTo"):
        if key in changes:
            body[key] = changes[key]
    if changes.get("addTags"):
        existing = list(incident.get("tags") or [])
        body["tags"] = existing + [t for t in changes["addTags"] if t not in existing]
    if changes.get("addComment"):
        lines = [changes.get("comment") or "Rampart playbook '%s':" % PLAYBOOK_NAME]
        if changes.get("includeVirusTotal") and vt_report:
            lines.append("VirusTotal results: " + "; ".join(vt_report))
        lines.append("Actions: " + "; ".join(actions_summary(ctx)))
        notes = [n for n in ctx.incident_notes if n]
        if notes:
            lines.append("Why: " + "; ".join(notes))
        body["comment"] = " ".join(lines)[:4000]
    request = {"api": "defender", "method": "PATCH", "path": "/api/incidents/%s" % incident.get("incidentId"), "body": body}
    return perform(ctx, "updateIncident", {"incidentId": incident.get("incidentId")}, request,
                   {"reason": "; ".join(n for n in ctx.incident_notes if n)}, destructive=False,
                   send=lambda: defender(ctx, "PATCH", request["path"], body))
