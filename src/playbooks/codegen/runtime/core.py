"""Playbook runtime, core: configuration, output, HTTP with retries, tokens, reading the incident.

Codegen copies the definitions a playbook uses from these files into the playbook (see
src/playbooks/codegen/assemble.ts); the imports below only serve linting and the unit tests.
"""
import fnmatch
import json
import os
import sys
import time

import msal
import requests

# ---------------------------------------------------------------------------
# Runtime: configuration, output, HTTP with retries, tokens
# ---------------------------------------------------------------------------

HTTP_TIMEOUT_SECONDS = 30
MAX_ATTEMPTS = 5
# No write goes out more than twice in one run (a blind retry loop once sent 36 isolations to one device).
MAX_SENDS_PER_WRITE = 2
FREE_TEXT_FIELDS = ("Comment", "comment", "description", "title", "recommendedActions")
DEFENDER_SCOPE = "https://api.security.microsoft.com/.default"
GRAPH_SCOPE = "https://graph.microsoft.com/.default"
PUBLIC_AUTHORITY_HOSTS = ("login.microsoftonline.com", "login.microsoftonline.us", "login.chinacloudapi.cn")
SETTINGS = ("TENANT_ID", "CLIENT_ID", "CLIENT_SECRET", "AZURE_AUTHORITY_HOST", "DEFENDER_API_BASE",
            "GRAPH_API_BASE", "VT_API_BASE", "VT_API_KEY", "TEAMS_WEBHOOK_URL", "SOC_EMAIL_SENDER", "SOC_EMAIL_TO")
# Settings that may live in Key Vault instead of the environment (secret name: lower case, dashes).
SECRET_SETTINGS = ("CLIENT_SECRET", "VT_API_KEY", "TEAMS_WEBHOOK_URL")
DEFAULTS = {
    "AZURE_AUTHORITY_HOST": "https://login.microsoftonline.com",
    "DEFENDER_API_BASE": "https://api.security.microsoft.com",
    "GRAPH_API_BASE": "https://graph.microsoft.com",
    "VT_API_BASE": "https://www.virustotal.com",
}


class PlaybookError(Exception):
    """An error with a message a SOC analyst can act on."""


class ConditionUnknown(PlaybookError):
    """A step's condition could not be decided (a lookup failed): the step is skipped, whichever way it reads."""


class ApiError(PlaybookError):
    """A refused or failed API call: the HTTP status, the API's error code and its own message."""

    def __init__(self, message, status=None, code=None, message_from_api=None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.api_message = message_from_api or ""


def fail(message):
    raise PlaybookError(message)


def log(message):
    print(message, file=sys.stderr, flush=True)


def emit(event, **fields):
    """One JSON event per line on stdout: Rampart's runner and the Teams cards read these."""
    fields["event"] = event
    print(json.dumps(fields, sort_keys=True, default=str), flush=True)


def load_settings():
    settings = {name: os.environ.get(name, "").strip() for name in SETTINGS}
    vault_url = os.environ.get("KEY_VAULT_URL", "").strip()
    missing = [name for name in SECRET_SETTINGS if not settings[name]]
    if vault_url and missing:
        # Imported here so a playbook that does not use Key Vault does not need these packages.
        from azure.identity import DefaultAzureCredential
        from azure.keyvault.secrets import SecretClient
        client = SecretClient(vault_url=vault_url, credential=DefaultAzureCredential())
        for name in missing:
            secret_name = name.lower().replace("_", "-")
            try:
                settings[name] = client.get_secret(secret_name).value or ""
            except Exception as exc:  # noqa: BLE001 - Key Vault raises many types; report and go on
                log("Key Vault: could not read secret %s: %s" % (secret_name, exc))
    for name, value in DEFAULTS.items():
        settings[name] = (settings[name] or value).rstrip("/")
    return settings


class Context:
    """What one run carries: settings, the HTTP session, tokens, cached verdicts, the actions taken."""

    def __init__(self, settings, dry_run, deferred):
        self.settings = settings
        self.dry_run = dry_run
        self.deferred = deferred
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "rampart-playbook/1"
        self.apps = {}
        self.verdicts = {}
        self.actions = []
        self.incident = None
        self.incident_changes = {}
        self.incident_notes = []
        self.reasons = {}
        self.groups = {}
        self.write_sends = {}

    def require(self, name, why):
        value = self.settings.get(name, "")
        if not value:
            raise PlaybookError("%s is not set: it is needed to %s." % (name, why))
        return value


def retry_delay(response, attempt):
    header = response.headers.get("Retry-After", "") if response is not None else ""
    if header.isdigit():
        return min(int(header), 60)
    return min(2 ** attempt, 30)


def http_request(ctx, method, url, what, headers=None, body=None, params=None):
    """Sends one request with a timeout and raises ApiError with plain words when it is refused.

    Reads retry 429, 5xx and network errors with backoff. A write (any other method) is sent at most
    MAX_SENDS_PER_WRITE times in a run, whatever the API answers: only a 429 ("not done, try later")
    is retried, within that budget; a 5xx or a broken connection may have been carried out, so it is not.
    """
    write = method != "GET"
    key = write_key(method, url, body) if write else None
    last_problem = "no attempt was made"
    for attempt in range(MAX_ATTEMPTS):
        if write:
            if ctx.write_sends.get(key, 0) >= MAX_SENDS_PER_WRITE:
                raise ApiError("%s was not sent again: the same write was already sent %d times in this run" % (
                    what, MAX_SENDS_PER_WRITE), code="WriteBudgetSpent")
            ctx.write_sends[key] = ctx.write_sends.get(key, 0) + 1
        try:
            response = ctx.session.request(method, url, headers=headers, json=body, params=params,
                                           timeout=HTTP_TIMEOUT_SECONDS)
        except requests.RequestException as exc:
            last_problem = "could not reach %s (%s)" % (url.split("?")[0], exc.__class__.__name__)
            if write:
                # A write may have been carried out before the connection broke: do not repeat it.
                raise ApiError("%s failed: %s" % (what, last_problem))
            time.sleep(retry_delay(None, attempt))
            continue
        retryable = response.status_code == 429 or (response.status_code >= 500 and not write)
        if retryable and attempt + 1 < MAX_ATTEMPTS and (not write or ctx.write_sends[key] < MAX_SENDS_PER_WRITE):
            last_problem = "HTTP %d" % response.status_code
            time.sleep(retry_delay(response, attempt))
            continue
        if response.status_code >= 400:
            code, message = error_details(response)
            raise ApiError("%s failed: HTTP %d %s%s" % (what, response.status_code, code or "",
                                                         (": " + message) if message else ""),
                           status=response.status_code, code=code, message_from_api=message)
        if not response.content.strip():
            return {}
        try:
            return response.json()
        except ValueError:
            return {"text": response.text[:500]}
    raise ApiError("%s failed after %d attempts: %s" % (what, MAX_ATTEMPTS, last_problem))


def write_key(method, url, body):
    """What makes two writes the same: method, URL and body without its free text (comments, titles, passwords)."""
    fields = body if isinstance(body, dict) else {"body": body}
    identity = {k: ("(set)" if k == "passwordProfile" else v) for k, v in fields.items() if k not in FREE_TEXT_FIELDS}
    return method, url.split("?")[0], json.dumps(identity, sort_keys=True, default=str)


def error_details(response):
    try:
        payload = response.json()
    except ValueError:
        return None, response.text[:200]
    error = payload.get("error") if isinstance(payload, dict) else None
    if isinstance(error, dict):
        return error.get("code"), error.get("message")
    if isinstance(error, str):
        return error, payload.get("error_description") or payload.get("message")
    return None, str(payload)[:200]


def access_token(ctx, scope, handed_token_variable):
    """A bearer token for the scope: the short-lived one Rampart's runner handed over, else msal client credentials.

    Rampart's runner may start a playbook with RAMPART_ACCESS_TOKEN_DEFENDER / RAMPART_ACCESS_TOKEN_GRAPH
    and no client secret; run by hand, the playbook signs in itself and msal caches the token for the run.
    """
    handed = os.environ.get(handed_token_variable, "").strip()
    if handed:
        return handed
    tenant = ctx.require("TENANT_ID", "sign in to Microsoft Entra ID")
    client_id = ctx.require("CLIENT_ID", "sign in to Microsoft Entra ID")
    secret = ctx.require("CLIENT_SECRET", "sign in to Microsoft Entra ID")
    app = ctx.apps.get("app")
    if app is None:
        host = ctx.settings["AZURE_AUTHORITY_HOST"]
        options = {"client_credential": secret, "authority": "%s/%s" % (host, tenant),
                   "http_client": ctx.session, "timeout": HTTP_TIMEOUT_SECONDS}
        if host.split("://")[-1] not in PUBLIC_AUTHORITY_HOSTS:
            # A sovereign cloud or a local simulator: msal must not ask the public cloud about it.
            options["instance_discovery"] = False
        app = msal.ConfidentialClientApplication(client_id, **options)
        ctx.apps["app"] = app
    result = app.acquire_token_for_client(scopes=[scope])
    if "access_token" not in result:
        raise PlaybookError("Could not get a token for %s: %s %s" % (
            scope, result.get("error", "unknown_error"), result.get("error_description", "")))
    return result["access_token"]


def defender(ctx, method, path, body=None, what=None):
    token = access_token(ctx, DEFENDER_SCOPE, "RAMPART_ACCESS_TOKEN_DEFENDER")
    return http_request(ctx, method, ctx.settings["DEFENDER_API_BASE"] + path, what or "Defender %s %s" % (method, path),
                        headers={"Authorization": "Bearer " + token}, body=body)


def load_incident(ctx, incident_id, mock_data):
    if mock_data:
        with open(mock_data, encoding="utf-8") as handle:
            incident = json.load(handle)
        emit("step", step="load incident", message="read incident %s from %s" % (incident.get("incidentId", incident_id), mock_data))
        return incident
    incident = defender(ctx, "GET", "/api/incidents/%s" % incident_id, what="reading incident %s" % incident_id)
    emit("step", step="load incident", message="read incident %s from Defender XDR" % incident_id)
    return incident


SEVERITY_ORDER = {"informational": 0, "low": 1, "medium": 2, "high": 3}


# Windows' own binaries: blocking or quarantining one (vssadmin.exe misused by ransomware) breaks it on every device.
SYSTEM_FOLDERS = ("c:\\windows\\system32", "c:\\windows\\syswow64", "c:\\windows\\winsxs")


def system_binary(file_path):
    """Whether a file's folder (or full path) is one of Windows' own binary folders."""
    path = str(file_path or "").strip().lower().replace("/", "\\").rstrip("\\")
    return any(path == folder or path.startswith(folder + "\\") for folder in SYSTEM_FOLDERS)


def spared_system_binary(action, name, file_path, **fields):
    """True (with a condition event saying why) when a file step must leave this file alone."""
    if not system_binary(file_path):
        return False
    emit("condition", name="not a Windows system binary (%s)" % action, result=False,
         reason="skipped %s in %s: a Windows system binary; blocking or quarantining it would break Windows, and its misuse is what the alert reports" % (name or "the file", file_path), **fields)
    return True


def short(value):
    value = str(value)
    return value if len(value) <= 16 else value[:12] + "..."


def path_has(path, fragment):
    """A back-slashed, lower-cased path holds a folder fragment: as a substring, or by * wildcards ("\\users\\*\\temp")."""
    wanted = fragment.replace("/", "\\").lower()
    if "*" in wanted:
        return fnmatch.fnmatchcase(path, "*%s*" % wanted)
    return wanted in path
