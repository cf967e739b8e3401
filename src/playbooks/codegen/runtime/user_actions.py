"""Playbook runtime: Entra ID user actions through Graph (disable, reset password, revoke sessions, user risk)."""
import secrets
import string

from actions import perform
from core import fail
from graph import graph


# ---------------------------------------------------------------------------
# Runtime: user actions
# ---------------------------------------------------------------------------


def disable_user(ctx, user, evidence):
    request = {"api": "graph", "method": "PATCH", "path": "/v1.0/users/%s" % user["id"], "body": {"accountEnabled": False}}
    return perform(ctx, "disableUser", user_target(user), request, evidence, destructive=True,
                   send=lambda: disable_unless_disabled(ctx, request))


def disable_unless_disabled(ctx, request):
    """An account already disabled is the goal state: it is read first and never written twice."""
    current = graph(ctx, "GET", request["path"] + "?$select=id,accountEnabled")
    if isinstance(current, dict) and current.get("accountEnabled") is False:
        return {"alreadyDone": True, "outcome": "account already disabled"}
    return graph(ctx, "PATCH", request["path"], request["body"])


def revoke_sessions(ctx, user, evidence):
    request = {"api": "graph", "method": "POST", "path": "/v1.0/users/%s/revokeSignInSessions" % user["id"], "body": {}}
    return perform(ctx, "revokeSessions", user_target(user), request, evidence, destructive=True,
                   send=lambda: graph(ctx, "POST", request["path"], request["body"]))


def reset_password(ctx, user, evidence):
    # The new password is generated when the call is sent and never printed.
    request = {"api": "graph", "method": "PATCH", "path": "/v1.0/users/%s" % user["id"],
               "body": {"passwordProfile": {"forceChangePasswordNextSignIn": True}}}
    return perform(ctx, "resetPassword", user_target(user), request, evidence, destructive=True,
                   send=lambda: graph(ctx, "PATCH", request["path"], {"passwordProfile": {
                       "forceChangePasswordNextSignIn": True, "password": new_password()}}))


def new_password():
    alphabet = string.ascii_letters + string.digits + "!@#$%^&*-_"
    return "".join(secrets.choice(alphabet) for _ in range(24))


def risky_user_action(ctx, action, user, evidence):
    """confirmCompromised or dismissRiskyUser: Identity Protection takes Entra object ids only."""
    if not user.get("objectId"):
        return perform(ctx, action, user_target(user), {"api": "graph", "method": "POST", "path": "", "body": {}}, evidence, True,
                       send=lambda: fail("the user has no Entra object id (aadUserId) in the alert"))
    verb = "confirmCompromised" if action == "confirmCompromised" else "dismiss"
    request = {"api": "graph", "method": "POST", "path": "/v1.0/identityProtection/riskyUsers/%s" % verb,
               "body": {"userIds": [user["objectId"]]}}
    return perform(ctx, action, user_target(user), request, evidence, destructive=True,
                   send=lambda: graph(ctx, "POST", request["path"], request["body"]))


def user_target(user):
    return {"user": user["upn"], "userId": user["id"]}
