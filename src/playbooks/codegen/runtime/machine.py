"""Playbook runtime: Defender for Endpoint machine actions (isolate, scan, collect, restrict, quarantine)."""
import time

from actions import perform
from alerts import devices_of, entities_of
from core import ApiError, defender, log
from generated import ACTION_DESTRUCTIVE, PLAYBOOK_NAME


# ---------------------------------------------------------------------------
# Runtime: machine actions
# ---------------------------------------------------------------------------


MACHINE_BUSY_WAIT_SECONDS = 100


def machine_action(ctx, action, path_action, device, body, evidence):
    body = dict(body, Comment=comment_for(ctx, evidence))
    request = {"api": "defender", "method": "POST", "path": "/api/machines/%s/%s" % (device["machineId"], path_action), "body": body}
    return perform(ctx, action, {"machineId": device["machineId"], "deviceName": device["deviceName"]},
                   request, evidence, destructive=ACTION_DESTRUCTIVE[action], send=lambda: send_machine_aware(ctx, request))


def comment_for(ctx, evidence):
    return "Rampart playbook '%s' for incident %s: %s" % (PLAYBOOK_NAME, ctx.incident.get("incidentId"), evidence.get("reason", "trigger matched"))


def files_on_devices(ctx, alerts):
    """Each File entity of the alerts with the device it was seen on (once per device and file)."""
    names = {d["machineId"]: d["deviceName"] for d in devices_of(ctx.incident.get("alerts") or [])}
    found, seen = [], set()
    for alert, entity in entities_of(alerts, "File"):
        machine_id = entity.get("deviceId") or next((d.get("mdatpDeviceId") for d in alert.get("devices") or []), None)
        key = (machine_id, entity.get("sha1") or entity.get("sha256"))
        if not machine_id or key in seen:
            continue
        seen.add(key)
        found.append({"machineId": machine_id, "deviceName": names.get(machine_id, machine_id), "sha1": entity.get("sha1"),
                      "sha256": entity.get("sha256"), "md5": entity.get("md5"), "fileName": entity.get("fileName"),
                      "alertId": alert.get("alertId"), "reason": ctx.reasons.get(alert.get("alertId"), "the trigger matched")})
    return found


def send_machine_aware(ctx, request):
    """Defender runs one pending action per device: when the device is busy, wait for it and try again."""
    waited = 0
    while True:
        try:
            return defender(ctx, request["method"], request["path"], request.get("body"))
        except ApiError as exc:
            busy = exc.code == "ActiveRequestAlreadyExists" or "already" in str(exc).lower() and exc.status == 400
            if not busy or "/machines/" not in request["path"] or waited >= MACHINE_BUSY_WAIT_SECONDS:
                raise
            log("device busy with another action; waiting before retrying %s" % request["path"])
            time.sleep(3)
            waited += 3
