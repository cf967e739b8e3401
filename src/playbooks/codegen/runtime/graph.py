"""Playbook runtime: Microsoft Graph (users of the alerts, user filters, Entra ID group membership)."""
import fnmatch

from alerts import entities_of
from conditions import where_of
from core import GRAPH_SCOPE, ConditionUnknown, PlaybookError, access_token, emit, http_request
from device_filter import near_name, words_in


# ---------------------------------------------------------------------------
# Runtime: Microsoft Graph
# ---------------------------------------------------------------------------

def graph(ctx, method, path, body=None):
    token = access_token(ctx, GRAPH_SCOPE, "RAMPART_ACCESS_TOKEN_GRAPH")
    return http_request(ctx, method, ctx.settings["GRAPH_API_BASE"] + path, "Graph %s %s" % (method, path),
                        headers={"Authorization": "Bearer " + token}, body=body)


def group_names_of(ctx, user):
    """The Entra ID groups a user belongs to, directly or through other groups: ids and display names, lower case."""
    key = user["id"].lower()
    if key not in ctx.groups:
        names = set()
        path = "/v1.0/users/%s/transitiveMemberOf?$select=id,displayName" % user["id"]
        for _page in range(50):
            payload = graph(ctx, "GET", path)
            for group in payload.get("value") or []:
                names.update(str(group.get(k) or "").lower() for k in ("id", "displayName") if group.get(k))
            next_link = payload.get("@odata.nextLink") or ""
            if not next_link:
                break
            path = next_link[len(ctx.settings["GRAPH_API_BASE"]):] if next_link.startswith(ctx.settings["GRAPH_API_BASE"]) else ""
            if not path:
                break
        ctx.groups[key] = names
    return ctx.groups[key]


def user_in_group(ctx, alerts, groups, every=False, lenient=False):
    """A user of the alerts is a member (direct or transitive) of one of the groups (display name or id).
    With every=True, each user of the alerts must be one: a step that acts on the users then never reaches a
    user outside the groups because a member shares the alert. Lenient where the test holds a step back ("unless the
    user is in the break glass group"): a group whose name holds the words said, or is them but for a typo, counts too."""
    users = users_of(alerts)
    if not users:
        return False, "no user in %s" % where_of(alerts)
    checked, members = [], []
    for user in users:
        try:
            names = group_names_of(ctx, user)
        except PlaybookError as exc:
            raise ConditionUnknown("could not read the groups of %s: %s" % (user["upn"], exc))
        hit = next((g for g in groups if g.lower() in names or (lenient and any(words_in(n, g) or near_name(n, g) for n in names))), None)
        if hit and not every:
            return True, "%s is a member of %s" % (user["upn"], hit)
        (members if hit else checked).append(user["upn"])
    if every and not checked:
        return True, "%s %s in %s" % (", ".join(members), "is" if len(members) == 1 else "are all", " or ".join(groups))
    if every and members:
        return False, "%s %s not in %s, so the step would reach them too" % (", ".join(checked), "is" if len(checked) == 1 else "are",
                                                                           " or ".join(groups))
    return False, "%s %s not in %s" % (", ".join(checked), "is" if len(checked) == 1 else "are", " or ".join(groups))


def users_of(alerts):
    seen, users = set(), []
    for _alert, entity in entities_of(alerts, "User"):
        user_id = entity.get("aadUserId") or entity.get("userPrincipalName")
        if user_id and user_id.lower() not in seen:
            seen.add(user_id.lower())
            users.append({"id": user_id, "objectId": entity.get("aadUserId"), "accountName": entity.get("accountName"),
                          "upn": entity.get("userPrincipalName") or entity.get("accountName") or user_id})
    return users


def user_names(user):
    """The names a user filter pattern is matched against: the UPN, its part before the @, the account name."""
    names = [str(user.get(k) or "").lower() for k in ("upn", "accountName") if user.get(k)]
    names += [n.split("@", 1)[0] for n in names if "@" in n]
    return names


def name_match(user, patterns):
    """The first pattern one of the user's names matches (case-insensitive, * wildcards), or None."""
    names = user_names(user)
    return next((p for p in patterns for n in names if fnmatch.fnmatchcase(n, p.lower())), None)


def user_allowed(user, user_filter, ctx=None):
    """(allowed, reason) for one user under a step's user filter. Group membership is read per user through Graph;
    a user whose groups cannot be read is skipped (acting on them could reach the very group the request spares)."""
    include = (user_filter.get("include") or {}).get("namePatterns") or []
    exclude = (user_filter.get("exclude") or {}).get("namePatterns") or []
    if include and name_match(user, include) is None:
        return False, "skipped %s: the request is for users named %s only" % (user["upn"], " or ".join(include))
    hit = name_match(user, exclude)
    if hit is not None:
        return False, "skipped %s: the request excludes users named %s" % (user["upn"], hit)
    in_groups = user_filter.get("inGroups") or []
    not_in_groups = user_filter.get("notInGroups") or []
    if in_groups or not_in_groups:
        if ctx is None:
            return False, "skipped %s: group membership could not be checked" % user["upn"]
        try:
            names = group_names_of(ctx, user)
        except PlaybookError as exc:
            return False, "skipped %s: could not read their groups (%s)" % (user["upn"], exc)
        if in_groups and not any(g.lower() in names for g in in_groups):
            return False, "skipped %s: not in %s" % (user["upn"], " or ".join(in_groups))
        # A group the request spares also spares the groups whose name holds its words ("break glass" -> "Break Glass
        # Accounts"): the safe side of a near name, as for device groups left out.
        spared = next((g for g in not_in_groups if g.lower() in names or any(words_in(n, g) or near_name(n, g) for n in names)), None)
        if spared:
            return False, "skipped %s: a member of %s, which the request leaves out" % (user["upn"], spared)
    return True, "%s: not excluded" % user["upn"]


def filtered_users(users, user_filter, action, ctx=None):
    """The users a step may act on, with a condition event for each user kept or skipped."""
    allowed = []
    for user in users:
        ok, reason = user_allowed(user, user_filter, ctx)
        emit("condition", name="user filter (%s)" % action, result=ok, reason=reason, user=user["upn"])
        if ok:
            allowed.append(user)
    return allowed


def user_named(alerts, patterns):
    """A user of the alerts matches one of the name patterns (UPN, its part before the @, or account name)."""
    users = users_of(alerts)
    for user in users:
        hit = name_match(user, patterns)
        if hit:
            return True, "%s matches %s" % (user["upn"], hit)
    return False, "no user in %s is named %s (%s)" % (where_of(alerts), " or ".join(patterns),
                                                     ", ".join(u["upn"] for u in users) or "no user")
