"""Rampart's own review rules for a Python playbook.

Reads Python source on stdin, writes one JSON object on stdout:
  {"pyCompile": {"ok": bool, "line": int|null, "message": str|null},
   "findings": [{"rule", "severity", "line", "message", "fix", "blocking"}],
   "permissions": [{"name", "api", "why"}]}

Standard library only, so it runs under any Python 3.8+ interpreter. Usage:
  python3 rules.py [--allow-host HOST ...] < playbook.py

Blocking rules (the Approve button stays disabled): RAMP001 hard-coded secret, RAMP002 host
outside the allow-list, RAMP004 verify=False, RAMP005 subprocess/eval/exec/os.system/os.popen/
pickle, RAMP007 write or delete outside the working directory, RAMP000 syntax error; and, from
safety_rules.py, RAMP011 destructive call outside its step's conditions, RAMP012 unbounded write loop.
Non-blocking: RAMP003 request without timeout, RAMP006 swallowed exception, RAMP008 import of a
process/deserialisation module that is never called.
"""

import ast
import json
import re
import sys

from safety_rules import safety_findings

ALLOWED_HOSTS = [
    "login.microsoftonline.com",
    "login.microsoftonline.us",
    "login.chinacloudapi.cn",
    "api.security.microsoft.com",
    "api.securitycenter.microsoft.com",
    "*.security.microsoft.com",
    "graph.microsoft.com",
    "graph.microsoft.us",
    "www.virustotal.com",
    "*.vault.azure.net",
    "*.webhook.office.com",
    "*.logic.azure.com",
    "*.environment.api.powerplatform.com",
]

HTTP_METHODS = {"get", "post", "put", "patch", "delete", "head", "options", "request"}
SECRET_NAME = re.compile(
    r"(^|_)(secret|client_secret|password|passwd|pwd|token|access_token|refresh_token|auth_token|"
    r"api_key|apikey|access_key|private_key|sas|credential|credentials|bearer)$",
    re.IGNORECASE,
)
SECRET_HEADER = re.compile(r"^(authorization|x-apikey|api-key|x-api-key|ocp-apim-subscription-key)$", re.IGNORECASE)
JWT = re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+")
BEARER = re.compile(r"^\s*Bearer\s+[A-Za-z0-9._~+/=-]{8,}\s*$")
ENTRA_SECRET = re.compile(r"[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{30,40}")
URL = re.compile(r"^(https?)://([^/:?#\s]+)", re.IGNORECASE)
ENV_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
WRITE_MODE = re.compile(r"[wax+]")

# Calls that run code or programs: blocking. Keys are fully qualified names.
DANGEROUS = {
    "eval": "eval() runs arbitrary code",
    "exec": "exec() runs arbitrary code",
    "compile": "compile() builds code to run",
    "__import__": "__import__() loads modules by name",
    "os.system": "os.system() runs a shell command",
    "os.popen": "os.popen() runs a shell command",
    "pickle.loads": "pickle.loads() can run code hidden in the data",
    "pickle.load": "pickle.load() can run code hidden in the data",
    "marshal.loads": "marshal.loads() loads code objects",
}
DANGEROUS_PREFIXES = {
    "subprocess.": "subprocess starts other programs",
    "os.exec": "os.exec* replaces the process with another program",
    "os.spawn": "os.spawn* starts other programs",
    "pty.": "pty starts other programs",
}
DANGEROUS_MODULES = {"subprocess", "pickle", "marshal", "pty"}
DELETERS = {"os.remove", "os.unlink", "os.rmdir", "os.removedirs", "shutil.rmtree", "shutil.move", "os.rename", "os.replace"}
LOGGING_HINTS = ("log", "print", "emit", "warn", "error", "exception", "fail", "exit", "write")

# (regex on the API path, HTTP methods or None for any, permission, api, why)
PERMISSION_RULES = [
    (r"/isolate\b", None, "Machine.Isolate", "Defender", "isolates devices"),
    (r"/unisolate\b", None, "Machine.Isolate", "Defender", "releases devices from isolation"),
    (r"/runAntiVirusScan\b", None, "Machine.Scan", "Defender", "runs antivirus scans"),
    (r"/collectInvestigationPackage\b", None, "Machine.CollectForensics", "Defender", "collects investigation packages"),
    (r"/restrictCodeExecution\b", None, "Machine.RestrictExecution", "Defender", "restricts app execution"),
    (r"/unrestrictCodeExecution\b", None, "Machine.RestrictExecution", "Defender", "removes app execution restrictions"),
    (r"/StopAndQuarantineFile\b", None, "Machine.StopAndQuarantine", "Defender", "stops and quarantines files"),
    (r"/api/indicators\b", None, "Ti.ReadWrite.All", "Defender", "creates indicators (block/allow IOCs)"),
    (r"/api/incidents\b", {"patch", "put", "post"}, "Incident.ReadWrite.All", "Defender", "updates incidents"),
    (r"/api/incidents\b", {"get", None}, "Incident.Read.All", "Defender", "reads incidents"),
    (r"/api/alerts\b", {"get", None}, "Alert.Read.All", "Defender", "reads alerts"),
    (r"/api/alerts\b", {"patch", "post"}, "Alert.ReadWrite.All", "Defender", "updates alerts"),
    (r"/api/machines\b(?!.*/(isolate|unisolate|runAntiVirusScan|collectInvestigationPackage|restrictCodeExecution|unrestrictCodeExecution|StopAndQuarantineFile)\b)",
     None, "Machine.Read.All", "Defender", "reads device details"),
    (r"/api/machineactions\b", None, "Machine.Read.All", "Defender", "follows machine action status"),
    (r"/api/files\b", None, "File.Read.All", "Defender", "reads file details"),
    (r"/users\b.*/revokeSignInSessions\b", None, "User.ReadWrite.All", "Graph", "revokes sign-in sessions"),
    (r"/riskyUsers\b", None, "IdentityRiskyUser.ReadWrite.All", "Graph", "confirms or dismisses risky users"),
    (r"/sendMail\b", None, "Mail.Send", "Graph", "sends mail"),
    (r"/(memberOf|transitiveMemberOf|checkMemberGroups)\b|/groups\b", None, "GroupMember.Read.All", "Graph", "reads users' group memberships"),
    (r"/users\b(?!.*/(memberOf|transitiveMemberOf|checkMemberGroups)\b)", {"patch"}, "User.ReadWrite.All", "Graph", "disables users or resets passwords"),
    (r"/users\b(?!.*/(memberOf|transitiveMemberOf|checkMemberGroups)\b)", {"get", None}, "User.Read.All", "Graph", "reads user details"),
    (r"/security/incidents\b", {"get", None}, "SecurityIncident.Read.All", "Graph", "reads security incidents"),
    (r"/security/incidents\b", {"patch"}, "SecurityIncident.ReadWrite.All", "Graph", "updates security incidents"),
    (r"/api/v3/", None, "VirusTotal API key (x-apikey)", "VirusTotal", "looks up IOC verdicts"),
]


# Machine action path segments, for code that builds "/api/machines/%s/%s" from an argument.
MACHINE_ACTION_SEGMENTS = {
    "isolate", "unisolate", "runAntiVirusScan", "collectInvestigationPackage",
    "restrictCodeExecution", "unrestrictCodeExecution", "StopAndQuarantineFile",
}
PLACEHOLDER = re.compile(r"%[sdr]|\{[^{}]*\}")


def host_allowed(host, allowed):
    host = host.lower().rstrip(".")
    for pattern in allowed:
        pattern = pattern.lower()
        if pattern.startswith("*."):
            if host.endswith(pattern[1:]):
                return True
        elif host == pattern:
            return True
    return False


def literal_text(node):
    """The constant text of a str or f-string node (placeholders become '{}'), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                parts.append(value.value)
            else:
                parts.append("{}")
        return "".join(parts)
    return None


def dotted(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted(node.value)
        return base + "." + node.attr if base else None
    return None


def target_names(target):
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Attribute):
        return [target.attr]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for t in target.elts for n in target_names(t)]
    return []


class Review(ast.NodeVisitor):
    def __init__(self, allowed_hosts):
        self.allowed = allowed_hosts
        self.findings = []
        self.aliases = {}  # local name -> qualified name, from imports
        self.sessions = set()  # names bound to requests.Session()
        self.docstrings = set()
        self.called_modules = set()
        self.imported_dangerous = {}
        self.permissions = {}
        self.stack = []  # enclosing calls, for the HTTP method of a path literal
        self.func_methods = []  # HTTP methods mentioned in each enclosing function
        self.action_segments = set()  # machine action names passed as call arguments
        self.dynamic_machine_action = False  # a "/api/machines/<id>/<action>" template was seen

    def add(self, rule, severity, line, message, fix, blocking):
        self.findings.append({
            "rule": rule, "severity": severity, "line": line,
            "message": message, "fix": fix, "blocking": blocking,
        })

    def qualified(self, node):
        name = dotted(node)
        if name is None:
            return None
        head, _, rest = name.partition(".")
        base = self.aliases.get(head, head)
        return base + ("." + rest if rest else "")

    # imports -----------------------------------------------------------------------------
    def visit_Import(self, node):
        for alias in node.names:
            self.aliases[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else alias.name.split(".")[0]
            root = alias.name.split(".")[0]
            if root in DANGEROUS_MODULES:
                self.imported_dangerous.setdefault(root, node.lineno)
        self.generic_visit(node)

    def visit_ImportFrom(self, node):
        module = node.module or ""
        for alias in node.names:
            self.aliases[alias.asname or alias.name] = module + "." + alias.name
        root = module.split(".")[0]
        if root in DANGEROUS_MODULES:
            self.imported_dangerous.setdefault(root, node.lineno)
        self.generic_visit(node)

    # functions: remember docstrings and the HTTP methods they mention ------------------------
    def visit_FunctionDef(self, node):
        self.note_docstring(node)
        methods = set()
        for sub in ast.walk(node):
            text = literal_text(sub) if isinstance(sub, (ast.Constant, ast.JoinedStr)) else None
            if text and text.lower() in HTTP_METHODS:
                methods.add(text.lower())
            if isinstance(sub, ast.Attribute) and sub.attr in HTTP_METHODS and sub.attr != "request":
                methods.add(sub.attr)
        self.func_methods.append(methods)
        self.generic_visit(node)
        self.func_methods.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node):
        self.note_docstring(node)
        self.generic_visit(node)

    def visit_Module(self, node):
        self.note_docstring(node)
        self.generic_visit(node)

    def note_docstring(self, node):
        body = getattr(node, "body", [])
        for stmt in body:
            if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str):
                self.docstrings.add(id(stmt.value))

    # secrets -----------------------------------------------------------------------------
    def looks_like_secret_value(self, text):
        if len(text) < 6 or "{}" in text or "{" in text:
            return False
        if ENV_NAME.match(text) or URL.match(text):
            return False
        if text.lower() in {"changeme", "your-secret-here", "placeholder", "<secret>"}:
            return False
        return True

    def check_secret_assignment(self, names, value, line):
        text = literal_text(value) if isinstance(value, ast.Constant) else None
        if text is None:
            return
        for name in names:
            if SECRET_NAME.search(name) and self.looks_like_secret_value(text):
                self.add("RAMP001", "high", line,
                         "hard-coded secret: '%s' is assigned a string literal" % name,
                         "read it from the environment (os.environ['%s']) or Key Vault instead" % name.upper(), True)
                return

    def visit_Assign(self, node):
        names = [n for t in node.targets for n in target_names(t)]
        self.check_secret_assignment(names, node.value, node.lineno)
        if isinstance(node.value, ast.Call) and (self.qualified(node.value.func) or "").endswith("Session"):
            self.sessions.update(names)
        self.generic_visit(node)

    def visit_AnnAssign(self, node):
        if node.value is not None:
            self.check_secret_assignment(target_names(node.target), node.value, node.lineno)
        self.generic_visit(node)

    def visit_Dict(self, node):
        for key, value in zip(node.keys, node.values):
            key_text = literal_text(key) if key is not None else None
            if not key_text or not isinstance(value, ast.Constant) or not isinstance(value.value, str):
                continue
            if SECRET_HEADER.match(key_text) and key_text.lower() != "authorization" and self.looks_like_secret_value(value.value):
                self.add("RAMP001", "high", value.lineno, "hard-coded secret in the '%s' header" % key_text,
                         "build the header from a value read from the environment or Key Vault", True)
            else:
                self.check_secret_assignment([key_text], value, value.lineno)
        self.generic_visit(node)

    def visit_keyword(self, node):
        if node.arg and (SECRET_NAME.search(node.arg) or node.arg == "client_credential"):
            self.check_secret_assignment([node.arg if node.arg != "client_credential" else "client_secret"], node.value, node.value.lineno)
        self.generic_visit(node)

    def visit_Constant(self, node):
        if isinstance(node.value, str) and id(node) not in self.docstrings:
            self.check_string(node.value, node.lineno)
        self.generic_visit(node)

    def visit_JoinedStr(self, node):
        text = literal_text(node)
        if text:
            self.check_url(text, node.lineno)
            self.note_permissions(text)
        # Skip the constant parts (checked as a whole above), still visit the expressions.
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                self.visit(value)

    def check_string(self, text, line):
        if JWT.search(text):
            self.add("RAMP001", "high", line, "hard-coded token: a JWT-looking string literal",
                     "acquire tokens at run time with msal; never paste one into the code", True)
        elif BEARER.match(text):
            self.add("RAMP001", "high", line, "hard-coded bearer token in a string literal",
                     "build the Authorization header from a token acquired with msal", True)
        elif ENTRA_SECRET.search(text):
            self.add("RAMP001", "high", line, "hard-coded Entra ID client secret",
                     "read CLIENT_SECRET from the environment or Key Vault", True)
        self.check_url(text, line)
        self.note_permissions(text)

    # hosts -------------------------------------------------------------------------------
    def check_url(self, text, line):
        match = URL.match(text.strip())
        if not match:
            return
        host = match.group(2)
        if "{}" in host or not host:
            return
        if not host_allowed(host, self.allowed):
            self.add("RAMP002", "high", line,
                     "call to a host outside the allow-list: %s" % host,
                     "talk only to Microsoft Defender / Graph / Entra ID / VirusTotal / Key Vault / Teams hosts, with base URLs from the environment", True)

    # permissions -------------------------------------------------------------------------
    def note_permissions(self, text):
        if "/" not in text:
            return
        if re.search(r"/api/machines/\{\}/\{\}$", PLACEHOLDER.sub("{}", text)):
            # The action comes from an argument: resolved in finish() from the names passed around.
            self.dynamic_machine_action = True
            return
        method = self.current_method()
        for pattern, methods, name, api, why in PERMISSION_RULES:
            if not re.search(pattern, text):
                continue
            if methods is not None and method not in methods:
                continue
            self.permissions.setdefault(name, {"name": name, "api": api, "why": why})

    def current_method(self):
        for call in reversed(self.stack):
            func = call.func
            if isinstance(func, ast.Attribute) and func.attr in HTTP_METHODS and func.attr != "request":
                return func.attr
            for arg in list(call.args) + [k.value for k in call.keywords if k.arg in ("method", None)]:
                text = literal_text(arg)
                if text and text.lower() in HTTP_METHODS:
                    return text.lower()
        if self.func_methods:
            methods = self.func_methods[-1] - {"get"}
            if len(methods) == 1:
                return next(iter(methods))
            if not methods and "get" in self.func_methods[-1]:
                return "get"
        return None

    # calls -------------------------------------------------------------------------------
    def visit_Call(self, node):
        name = self.qualified(node.func) or ""
        line = node.lineno
        root = name.split(".")[0]
        if root in DANGEROUS_MODULES:
            self.called_modules.add(root)
        reason = DANGEROUS.get(name)
        if reason is None:
            for prefix, why in DANGEROUS_PREFIXES.items():
                if name.startswith(prefix):
                    reason = why
        if reason:
            self.add("RAMP005", "high", line, "%s (%s)" % (reason, name),
                     "call the Defender / Graph APIs with requests instead; a playbook never runs other code", True)

        if self.is_http_call(node, name):
            keywords = {k.arg: k.value for k in node.keywords}
            has_splat = any(k.arg is None for k in node.keywords)
            if "timeout" not in keywords and not has_splat:
                self.add("RAMP003", "medium", line, "HTTP call without a timeout: %s()" % name,
                         "pass timeout=(5, 30) so a stuck endpoint cannot hang the run", False)
            verify = keywords.get("verify")
            if isinstance(verify, ast.Constant) and verify.value in (False, 0):
                self.add("RAMP004", "high", line, "TLS certificate checks disabled (verify=False)",
                         "remove verify=False; set REQUESTS_CA_BUNDLE to trust a private CA", True)
        elif isinstance(node.func, ast.Attribute) and any(k.arg == "verify" and isinstance(k.value, ast.Constant) and k.value.value is False for k in node.keywords):
            self.add("RAMP004", "high", line, "TLS certificate checks disabled (verify=False)",
                     "remove verify=False; set REQUESTS_CA_BUNDLE to trust a private CA", True)

        for arg in node.args:
            if isinstance(arg, ast.Constant) and arg.value in MACHINE_ACTION_SEGMENTS:
                self.action_segments.add(arg.value)
        self.check_write(node, name, line)
        self.stack.append(node)
        self.generic_visit(node)
        self.stack.pop()

    def is_http_call(self, node, name):
        if name.startswith("requests.") and name.split(".")[-1] in HTTP_METHODS:
            return True
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in HTTP_METHODS:
            receiver = dotted(func.value) or ""
            last = receiver.split(".")[-1]
            return last in self.sessions or "session" in last.lower() or last in ("http", "client_http")
        return False

    # writes outside the working directory -------------------------------------------------
    def outside_path(self, node):
        text = literal_text(node)
        if text is None and isinstance(node, ast.Call) and node.args:
            # Path("/etc/x"), os.path.join("/etc", x)
            text = literal_text(node.args[0])
        if text is None:
            return None
        if text.startswith(("/", "~", "\\")) or re.match(r"^[A-Za-z]:[\\/]", text) or ".." in re.split(r"[\\/]", text):
            return text
        return None

    def check_write(self, node, name, line):
        path_node = None
        if name in ("open", "io.open", "codecs.open"):
            mode = node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "mode"), None)
            mode_text = literal_text(mode) if mode is not None else "r"
            if mode_text and WRITE_MODE.search(mode_text) and node.args:
                path_node = node.args[0]
        elif name in DELETERS and node.args:
            path_node = node.args[0]
        elif isinstance(node.func, ast.Attribute) and node.func.attr in ("write_text", "write_bytes", "unlink", "rmdir", "mkdir", "touch"):
            path_node = node.func.value
        if path_node is None:
            return
        outside = self.outside_path(path_node)
        if outside is not None:
            self.add("RAMP007", "high", line, "writes or deletes outside the working directory: %s" % outside,
                     "write only relative paths inside the run's working directory (or nothing at all)", True)

    # error handling ----------------------------------------------------------------------
    def visit_ExceptHandler(self, node):
        broad = node.type is None or (dotted(node.type) or "") in ("Exception", "BaseException")
        body_is_noop = all(isinstance(s, (ast.Pass, ast.Continue)) or (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)) for s in node.body)
        label = "except:" if node.type is None else "except %s:" % (dotted(node.type) or "...")
        if broad and body_is_noop:
            self.add("RAMP006", "medium", node.lineno, "'%s' swallows every error silently" % label,
                     "catch the specific exception and log it (or re-raise) so a failed step is visible", False)
        elif node.type is None and not self.handles(node):
            self.add("RAMP006", "medium", node.lineno, "bare 'except:' neither re-raises nor logs the error",
                     "catch Exception as err, log err to stderr and emit a failed event (or re-raise)", False)
        self.generic_visit(node)

    def handles(self, handler):
        for sub in ast.walk(handler):
            if isinstance(sub, ast.Raise):
                return True
            if isinstance(sub, ast.Call):
                name = (dotted(sub.func) or "").lower()
                if any(hint in name for hint in LOGGING_HINTS):
                    return True
        return False

    def finish(self):
        if self.dynamic_machine_action:
            for segment in sorted(self.action_segments):
                self.note_permissions("/" + segment)
        for module, line in sorted(self.imported_dangerous.items()):
            if module not in self.called_modules:
                self.add("RAMP008", "low", line, "imports %s, which a playbook does not need" % module,
                         "remove the import", False)
        seen = set()
        unique = []
        for finding in self.findings:
            key = (finding["rule"], finding["line"])
            if key not in seen:
                seen.add(key)
                unique.append(finding)
        self.findings = sorted(unique, key=lambda f: (f["line"] or 0, f["rule"]))


def main():
    allowed = list(ALLOWED_HOSTS)
    args = sys.argv[1:]
    while args:
        flag = args.pop(0)
        if flag == "--allow-host" and args:
            allowed.append(args.pop(0))
    source = sys.stdin.buffer.read().decode("utf-8", errors="replace")
    result = {"pyCompile": {"ok": True, "line": None, "message": None}, "findings": [], "permissions": []}
    try:
        # The same parse py_compile does, without writing a .pyc next to the file.
        tree = compile(source, "playbook.py", "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
        compile(tree, "playbook.py", "exec", dont_inherit=True)
    except SyntaxError as err:
        result["pyCompile"] = {"ok": False, "line": err.lineno, "message": "%s: %s" % (type(err).__name__, err.msg)}
        json.dump(result, sys.stdout)
        return
    except ValueError as err:  # e.g. null bytes in the source
        result["pyCompile"] = {"ok": False, "line": None, "message": str(err)}
        json.dump(result, sys.stdout)
        return
    review = Review(allowed)
    review.visit(tree)
    review.finish()
    result["findings"] = sorted(review.findings + safety_findings(tree), key=lambda f: (f["line"] or 0, f["rule"]))
    result["permissions"] = sorted(review.permissions.values(), key=lambda p: (p["api"], p["name"]))
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
