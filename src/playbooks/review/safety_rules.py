"""Review rules about what a playbook does, beyond style (imported by rules.py; standard library only).

RAMP011: a destructive call outside the conditions of the step that owns it. In a generated playbook
each step first narrows the alerts (`alerts = alerts_meeting(...)`, or `alerts = matched` when it has
no condition) and then acts inside a loop or test over them; a destructive call that no loop or test
over the step's alerts governs (a hand-added `machine_action(ctx, "isolate", ...)` at the top of
run_playbook) would run whatever the condition says.

RAMP012: a loop that can send the same write without bound (`while True:` around a write, with no
counter that ends it): one such loop sent 36 isolations to one device.
"""

import ast
import re

DESTRUCTIVE_ACTIONS = {"isolate", "unisolate", "restrictCodeExecution", "unrestrictCodeExecution", "stopAndQuarantineFile",
                       "createIndicator", "disableUser", "resetPassword", "revokeSessions", "confirmCompromised",
                       "dismissRiskyUser"}
DESTRUCTIVE_HELPERS = {"create_indicator", "submit_indicator", "disable_user", "reset_password", "revoke_sessions",
                       "risky_user_action", "send_machine_action"}
DESTRUCTIVE_PATH = re.compile(r"/(isolate|unisolate|restrictCodeExecution|unrestrictCodeExecution|StopAndQuarantineFile)\b"
                              r"|/api/indicators\b|/riskyUsers/|/revokeSignInSessions\b", re.IGNORECASE)
WRITE_HELPERS = DESTRUCTIVE_HELPERS | {"machine_action", "perform", "post_to_teams", "send_mail", "flush_incident_update"}
API_HELPERS = {"defender", "graph", "http_request", "request"}
WRITE_VERBS = {"POST", "PUT", "PATCH", "DELETE"}
ENDLESS_ITERATORS = {"count", "cycle", "repeat"}


def call_name(call):
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def strings_in(call):
    """Every string constant among the call's arguments (also inside "%" formatting and f-strings)."""
    found = []
    for arg in list(call.args) + [k.value for k in call.keywords]:
        for node in ast.walk(arg):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.append(node.value)
    return found


def is_destructive(call):
    name = call_name(call)
    if name in DESTRUCTIVE_HELPERS:
        return True
    strings = strings_in(call)
    if name in ("machine_action", "perform") and any(s in DESTRUCTIVE_ACTIONS for s in strings):
        return True
    return name in API_HELPERS | {"post", "patch", "put"} and any(DESTRUCTIVE_PATH.search(s) for s in strings)


def is_write(call):
    name = call_name(call)
    if name in WRITE_HELPERS or is_destructive(call):
        return True
    if name in API_HELPERS and any(s.upper() in WRITE_VERBS for s in strings_in(call)):
        return True
    return isinstance(call.func, ast.Attribute) and call.func.attr in ("post", "put", "patch", "delete")


def names_in(node):
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def walk_shallow(node):
    """ast.walk without entering nested function or class definitions."""
    pending = [node]
    while pending:
        current = pending.pop()
        yield current
        for child in ast.iter_child_nodes(current):
            if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                pending.append(child)


def destructive_calls(node, guards, found):
    """(call, guarded-by-names) for each destructive call under node; guards are the for / if / while headers above it."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
        return
    if isinstance(node, ast.Call) and is_destructive(node):
        found.append((node, set().union(*guards) if guards else set()))
    if isinstance(node, (ast.For, ast.AsyncFor)):
        header = names_in(node.iter)
    elif isinstance(node, (ast.If, ast.While)):
        header = names_in(node.test)
    else:
        header = None
    for field, value in ast.iter_fields(node):
        children = value if isinstance(value, list) else [value]
        for child in children:
            if not isinstance(child, ast.AST):
                continue
            governed = header is not None and field in ("body", "orelse")
            destructive_calls(child, guards + [header] if governed else guards, found)


def ungoverned_destructive_calls(tree):
    """RAMP011 findings: (line, what) for destructive calls no test over their step's alerts governs."""
    out = []
    run_playbook = next((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "run_playbook"), None)
    if run_playbook is None:
        # Not a generated playbook: only a destructive call at module level, outside any function, is certainly ungoverned.
        for statement in tree.body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.If)):
                continue
            found = []
            destructive_calls(statement, [], found)
            out.extend((call.lineno, call_name(call)) for call, _ in found)
        return out
    governed = set()
    for statement in run_playbook.body:
        if isinstance(statement, ast.Assign):
            targets = set().union(*(names_in(t) for t in statement.targets))
            if "alerts" in targets:
                # A step starts: its condition decides which alerts it may act on.
                governed = {"alerts"}
            elif names_in(statement.value) & governed:
                governed |= targets
        found = []
        destructive_calls(statement, [], found)
        for call, guard_names in found:
            if not guard_names & governed:
                out.append((call.lineno, call_name(call)))
    return out


def counter_bounded(loop):
    """True when a name changed in the loop body is compared in its test or in an if that leaves the loop."""
    changed = {t.id for n in walk_shallow(loop) if isinstance(n, ast.AugAssign) for t in [n.target] if isinstance(t, ast.Name)}
    changed |= {t.id for n in walk_shallow(loop) if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)
                if names_in(n.value) & {t.id}}
    if not changed:
        return False
    if isinstance(loop, ast.While) and not constant_true(loop.test) and names_in(loop.test) & changed:
        return True
    for node in walk_shallow(loop):
        if isinstance(node, ast.If) and names_in(node.test) & changed and any(
                isinstance(s, (ast.Break, ast.Return, ast.Raise)) for s in ast.walk(node)):
            return True
    return False


def constant_true(test):
    return isinstance(test, ast.Constant) and bool(test.value)


def endless_for(loop):
    iterator = loop.iter
    return isinstance(iterator, ast.Call) and (call_name(iterator) in ENDLESS_ITERATORS or
                                              (call_name(iterator) == "iter" and len(iterator.args) == 2))


def unbounded_write_loops(tree):
    """RAMP012 findings: (line, write) for loops that can repeat a write without bound."""
    out = []
    for loop in ast.walk(tree):
        if isinstance(loop, ast.While):
            endless = constant_true(loop.test) or not counter_bounded(loop)
        elif isinstance(loop, (ast.For, ast.AsyncFor)):
            endless = endless_for(loop)
        else:
            continue
        if not endless or counter_bounded(loop):
            continue
        writes = [n for n in walk_shallow(loop) if isinstance(n, ast.Call) and is_write(n)]
        if writes:
            out.append((loop.lineno, call_name(writes[0])))
    return out


def safety_findings(tree):
    """Both rules' findings in the shape rules.py reports."""
    findings = []
    for line, name in ungoverned_destructive_calls(tree):
        findings.append({
            "rule": "RAMP011", "severity": "high", "line": line, "blocking": True,
            "message": "destructive call %s() runs outside the conditions of the step that owns it" % name,
            "fix": "call it only inside the step's loop or test over the alerts its condition selected (as generated), or remove it",
        })
    for line, name in unbounded_write_loops(tree):
        findings.append({
            "rule": "RAMP012", "severity": "high", "line": line, "blocking": True,
            "message": "this loop can send %s() again and again without a bound" % name,
            "fix": "retry with a counter that ends the loop (for attempt in range(2): ...); never repeat a refused write blindly",
        })
    return findings
