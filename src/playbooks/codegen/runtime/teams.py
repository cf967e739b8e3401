"""Playbook runtime: posting an Adaptive Card to the SOC's Teams channel (Workflows / incoming webhook)."""
from actions import actions_summary, incident_link, perform
from core import http_request
from generated import PLAYBOOK_NAME


# ---------------------------------------------------------------------------
# Runtime: Teams
# ---------------------------------------------------------------------------


def post_to_teams(ctx, incident, vt_report, evidence):
    facts = [{"title": "Severity", "value": str(incident.get("severity"))},
             {"title": "Status", "value": str(incident.get("status"))},
             {"title": "Incident", "value": str(incident.get("incidentId"))}]
    body = [{"type": "TextBlock", "size": "Medium", "weight": "Bolder", "wrap": True,
             "text": "Rampart: %s" % (incident.get("incidentName") or "incident %s" % incident.get("incidentId"))},
            {"type": "FactSet", "facts": facts},
            {"type": "TextBlock", "wrap": True, "text": "Playbook: %s" % PLAYBOOK_NAME},
            {"type": "TextBlock", "wrap": True, "text": "Actions:\n- " + "\n- ".join(actions_summary(ctx))}]
    if vt_report:
        body.append({"type": "TextBlock", "wrap": True, "text": "VirusTotal:\n- " + "\n- ".join(vt_report)})
    card = {"type": "AdaptiveCard", "version": "1.4", "body": body}
    if incident_link(ctx, incident):
        card["actions"] = [{"type": "Action.OpenUrl", "title": "Open in Defender XDR", "url": incident_link(ctx, incident)}]
    message = {"type": "message", "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": card}]}
    request = {"api": "teams", "method": "POST", "path": "TEAMS_WEBHOOK_URL", "body": message}

    def send():
        url = ctx.require("TEAMS_WEBHOOK_URL", "post to the Teams channel")
        return http_request(ctx, "POST", url, "posting to Teams", body=message)

    return perform(ctx, "teamsMessage", {"channel": "TEAMS_WEBHOOK_URL"}, request, evidence, destructive=False, send=send)
