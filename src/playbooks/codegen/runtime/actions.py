"""Playbook runtime: sending (or previewing, or deferring) each side effect, and what was done."""
import json

from core import PlaybookError, emit, log

# ---------------------------------------------------------------------------
# Runtime: sending (or previewing, or deferring) each side effect
# ---------------------------------------------------------------------------


def perform(ctx, action, target, request, evidence, destructive, send):
    """Runs one side effect (send() sends it) and emits its action event; a failure is reported, never hides the others."""
    event = {"action": action, "target": target, "destructive": destructive, "dryRun": ctx.dry_run,
             "request": request, "evidence": evidence}
    if ctx.dry_run:
        event["status"] = "dry-run"
    elif action in ctx.deferred:
        event["status"] = "deferred"
    else:
        try:
            result = send()
            event["status"] = "succeeded"
            event["result"] = summarise_result(result)
            if isinstance(result, dict) and result.get("alreadyDone"):
                # The API refused because the target is already as wanted: done, and said so.
                event["outcome"] = result["outcome"]
                log("%s on %s: %s" % (action, json.dumps(target, sort_keys=True), result["outcome"]))
        except PlaybookError as exc:
            event["status"] = "failed"
            event["error"] = str(exc)
            log("%s on %s failed: %s" % (action, json.dumps(target, sort_keys=True), exc))
    ctx.actions.append(event)
    emit("action", **event)
    return event


def summarise_result(result):
    if not isinstance(result, dict):
        return {}
    keys = ("id", "type", "status", "indicatorValue", "action", "machineId", "lastUpdateTime")
    return {k: result[k] for k in keys if k in result}


def incident_link(ctx, incident):
    """The portal link when the incident carries one (Graph's incidentWebUrl); the id alone otherwise."""
    return incident.get("incidentWebUrl") or ""


def actions_summary(ctx):
    if not ctx.actions:
        return ["no action was needed"]
    lines = []
    for event in ctx.actions:
        target = event["target"]
        what = target.get("deviceName") or target.get("user") or target.get("indicatorValue") or target.get("incidentId") or ""
        lines.append("%s %s: %s" % (event["action"], what, event.get("outcome") or event["status"]))
    return lines
