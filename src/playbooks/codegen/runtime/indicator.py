"""Playbook runtime: Defender for Endpoint indicators (block a file hash, IP, URL or domain)."""
import datetime

from actions import perform
from core import ApiError, defender, spared_system_binary
from generated import PLAYBOOK_NAME


# ---------------------------------------------------------------------------
# Runtime: indicators
# ---------------------------------------------------------------------------


INDICATOR_TYPES = {"ip": "IpAddress", "url": "Url", "domain": "DomainName"}


def expiration_time(days):
    """ISO 8601 UTC time the indicator stops applying, days from now; None: it never expires."""
    if not days:
        return None
    moment = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=days)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def file_indicator(entity, fallback, wanted=None):
    """(value, indicatorType) of a file indicator: the hash the step asks for when the alert has it, else SHA-256, else SHA-1."""
    if wanted == "SHA1" and entity.get("sha1"):
        return entity["sha1"], "FileSha1"
    if entity.get("sha256"):
        return entity["sha256"], "FileSha256"
    if entity.get("sha1"):
        return entity["sha1"], "FileSha1"
    return fallback, "FileSha256" if len(fallback or "") == 64 else "FileSha1"


def create_indicator(ctx, ioc, action_name, evidence, expires_in_days=None, file_hash=None):
    entity = ioc.get("entity") or {}
    if ioc["type"] == "file" and spared_system_binary("createIndicator", entity.get("fileName"), entity.get("filePath"), indicatorValue=ioc["value"]):
        return None
    if ioc["type"] == "file":
        value, indicator_type = file_indicator(ioc.get("entity") or {}, ioc["value"], file_hash)
        action_name = action_name or "BlockAndRemediate"
    else:
        value, indicator_type = ioc["value"], INDICATOR_TYPES[ioc["type"]]
        action_name = action_name or "Block"
    body = {
        "indicatorValue": value,
        "indicatorType": indicator_type,
        "action": action_name,
        "title": "Rampart: %s from incident %s" % (ioc["type"], ctx.incident.get("incidentId")),
        "description": "Blocked by Rampart playbook '%s': %s" % (PLAYBOOK_NAME, evidence.get("reason", "")),
        "severity": "High",
        "recommendedActions": "Review incident %s in Defender XDR." % ctx.incident.get("incidentId"),
        "generateAlert": True,
    }
    if expires_in_days:
        body["expirationTime"] = expiration_time(expires_in_days)
    request = {"api": "defender", "method": "POST", "path": "/api/indicators", "body": body}
    return perform(ctx, "createIndicator", {"indicatorValue": value, "indicatorType": indicator_type},
                   request, evidence, destructive=True, send=lambda: submit_indicator(ctx, body))


def submit_indicator(ctx, body):
    """Submits the indicator; one that already exists is the goal state (POST /api/indicators also updates it)."""
    try:
        return defender(ctx, "POST", "/api/indicators", body)
    except ApiError as exc:
        text = ("%s %s" % (exc.api_message, exc)).lower()
        if exc.status == 409 or (exc.status == 400 and "already exists" in text):
            return {"alreadyDone": True, "outcome": "indicator already exists"}
        raise
