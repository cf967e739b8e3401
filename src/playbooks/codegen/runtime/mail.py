"""Playbook runtime: mail through Graph sendMail from the SOC mailbox."""
import html

from actions import actions_summary, incident_link, perform
from core import PlaybookError
from generated import PLAYBOOK_NAME
from graph import graph


# ---------------------------------------------------------------------------
# Runtime: mail
# ---------------------------------------------------------------------------


def send_mail(ctx, incident, recipients, vt_report, evidence):
    recipients = recipients or [r.strip() for r in ctx.settings.get("SOC_EMAIL_TO", "").split(",") if r.strip()]
    sender = ctx.settings.get("SOC_EMAIL_SENDER") or "SOC_EMAIL_SENDER"
    lines = ["<p>Incident %s: %s (%s severity, %s) %s</p>" % (
        incident.get("incidentId"), html.escape(str(incident.get("incidentName"))),
        incident.get("severity"), incident.get("status"), html.escape(incident_link(ctx, incident)))]
    lines.append("<p>Playbook: %s</p><ul>%s</ul>" % (html.escape(PLAYBOOK_NAME),
                                                      "".join("<li>%s</li>" % html.escape(a) for a in actions_summary(ctx))))
    if vt_report:
        lines.append("<p>VirusTotal:</p><ul>%s</ul>" % "".join("<li>%s</li>" % html.escape(v) for v in vt_report))
    message = {"message": {"subject": "[Rampart] %s" % (incident.get("incidentName") or "incident %s" % incident.get("incidentId")),
                           "body": {"contentType": "HTML", "content": "".join(lines)},
                           "toRecipients": [{"emailAddress": {"address": r}} for r in recipients]},
               "saveToSentItems": False}
    request = {"api": "graph", "method": "POST", "path": "/v1.0/users/%s/sendMail" % sender, "body": message}

    def send():
        ctx.require("SOC_EMAIL_SENDER", "send mail (the mailbox it is sent from)")
        if not recipients:
            raise PlaybookError("no recipient: name one in the request or set SOC_EMAIL_TO")
        return graph(ctx, "POST", request["path"], message)

    return perform(ctx, "sendMail", {"to": recipients}, request, evidence, destructive=False, send=send)
