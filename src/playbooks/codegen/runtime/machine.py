"""Playbook runtime: Defender for Endpoint machine actions (isolate, scan, collect, restrict, quarantine)."""
import time

from actions import perform
from alerts import devices_of, entities_of
from core import ApiError, PlaybookError, defender, log
from generated import ACTION_DESTRUCTIVE, PLAYBOOK_NAME


# ---------------------------------------------------------------------------
# Runtime: machine actions
# ---------------------------------------------------------------------------


# How long to wait for a device's pending action before the one retry of ActiveRequestAlreadyExists.
PENDING_ACTION_WAIT_SECONDS = 60
BLIND_WAIT_SECONDS = 10
# Refusals that mean the device is already as the action wants it: the goal state, reported as done.
ALREADY_IN_STATE = {
    "isolate": ("already isolated",),
    "unisolate": ("not isolated", "already released", "already unisolated"),
    "restrictCodeExecution": ("already has app execution restricted", "already restricted"),
    "unrestrictCodeExecution": ("does not have app execution restricted", "not restricted", "already unrestricted"),
}
OUTCOMES = {"isolate": "already isolated", "unisolate": "already released (not isolated)",
            "restrictCodeExecution": "app execution already restricted", "unrestrictCodeExecution": "app execution already unrestricted"}


def machine_action(ctx, action, path_action, device, body, evidence):
    body = dict(body, Comment=comment_for(ctx, evidence))
    request = {"api": "defender", "method": "POST", "path": "/api/machines/%s/%s" % (device["machineId"], path_action), "body": body}
    return perform(ctx, action, {"machineId": device["machineId"], "deviceName": device["deviceName"]},
                   request, evidence, destructive=ACTION_DESTRUCTIVE[action], send=lambda: send_machine_action(ctx, action, device, request))


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
                      "sha256": entity.get("sha256"), "md5": entity.get("md5"), "fileName": entity.get("fileName"), "filePath": entity.get("filePath"),
                      "alertId": alert.get("alertId"), "reason": ctx.reasons.get(alert.get("alertId"), "the trigger matched")})
    return found


def send_machine_action(ctx, action, device, request):
    """Sends a machine action; the device already in the wanted state is success, a pending action is waited for once.

    Defender runs one action of a kind per device at a time: ActiveRequestAlreadyExists means another
    one is pending, so the playbook waits (bounded) for it to finish and tries once more. Any other
    refusal is reported as it is; the write budget in http_request caps the sends at two either way.
    """
    for attempt in (1, 2):
        try:
            return defender(ctx, request["method"], request["path"], request.get("body"))
        except ApiError as exc:
            done = goal_state(action, exc)
            if done:
                return done
            if exc.code != "ActiveRequestAlreadyExists" or attempt == 2:
                raise
            log("%s: another action is pending on %s; waiting for it before trying once more" % (action, device["deviceName"]))
        wait_for_pending_actions(ctx, device)


def goal_state(action, exc):
    """{"alreadyDone": True, "outcome": ...} when the refusal says the device is already as the action wants it."""
    if exc.status != 400:
        return None
    text = ("%s %s" % (exc.api_message, exc)).lower()
    for phrase in ALREADY_IN_STATE.get(action, ()):
        if phrase in text:
            return {"alreadyDone": True, "outcome": OUTCOMES[action]}
    return None


def wait_for_pending_actions(ctx, device):
    """Polls the device's machine actions until none is Pending or InProgress, for at most PENDING_ACTION_WAIT_SECONDS."""
    waited, delay = 0, 1
    path = "/api/machineactions?$filter=machineId eq '%s'" % device["machineId"]
    while waited < PENDING_ACTION_WAIT_SECONDS:
        try:
            listed = defender(ctx, "GET", path, what="reading the pending actions of %s" % device["deviceName"])
        except PlaybookError as exc:
            # Without Machine.Read.All the playbook cannot see the pending action: give it a fixed time instead.
            log("could not read the pending actions of %s (%s); waiting %d s" % (device["deviceName"], exc, BLIND_WAIT_SECONDS))
            time.sleep(BLIND_WAIT_SECONDS)
            return
        if not any(a.get("status") in ("Pending", "InProgress") for a in listed.get("value") or []):
            return
        time.sleep(delay)
        waited += delay
        delay = min(delay * 2, 10)
    log("%s still has a pending action after %d s" % (device["deviceName"], waited))
