"""Playbook runtime: mail through Graph sendMail from the SOC mailbox."""
import html

from actions import actions_summary, incident_link, perform
from alerts import entities_of
from core import PlaybookError
from generated import PLAYBOOK_NAME
from graph import graph, users_of


# ---------------------------------------------------------------------------
# Runtime: mail
# ---------------------------------------------------------------------------


def mail_users_of(alerts):
    """The mail addresses of the alerts' users: their UPNs and the recipients of the alerts' mail messages."""
    found = [u["upn"] for u in users_of(alerts)]
    found += [str(e.get("recipient") or "") for _alert, e in entities_of(alerts, "MailMessage")]
    out = []
    for address in found:
        if "@" in address and address.lower() not in [o.lower() for o in out]:
            out.append(address)
    return out


def send_mail(ctx, incident, recipients, vt_report, evidence, users=None):
    if users is None:
        recipients = recipients or [r.strip() for r in ctx.settings.get("SOC_EMAIL_TO", "").split(",") if r.strip()]
        return _send_one(ctx, incident, recipients, vt_report, evidence, "no recipient: name one in the request or set SOC_EMAIL_TO")
    # "Mail the user who got it": each of the alerts' users gets a message of their own, so no one sees who else was
    # targeted; an address the request named gets one too. Never SOC_EMAIL_TO instead.
    named = list(recipients)
    people = [u for u in users if u.lower() not in [r.lower() for r in named]]
    if not named and not people:
        return _send_one(ctx, incident, [], vt_report, evidence, "no user of the alert has a mail address")
    result = None
    for to in ([named] if named else []) + [[u] for u in people]:
        result = _send_one(ctx, incident, to, vt_report, evidence, "no user of the alert has a mail address")
    return result


def _send_one(ctx, incident, recipients, vt_report, evidence, missing):
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
            raise PlaybookError(missing)
        return graph(ctx, "POST", request["path"], message)

    return perform(ctx, "sendMail", {"to": recipients}, request, evidence, destructive=False, send=send)
