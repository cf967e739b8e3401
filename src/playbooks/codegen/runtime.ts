/**
 * The Python runtime shared by every generated playbook, in sections: codegen includes only the
 * sections a spec needs (a scan-only playbook carries no Graph or mail code).
 */

export const RUNTIME_CORE = String.raw`
# ---------------------------------------------------------------------------
# Runtime: configuration, output, HTTP with retries, tokens
# ---------------------------------------------------------------------------

HTTP_TIMEOUT_SECONDS = 30
MAX_ATTEMPTS = 5
MACHINE_BUSY_WAIT_SECONDS = 100
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
    def __init__(self, message, status=None, code=None):
        super().__init__(message)
        self.status = status
        self.code = code


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
    """Sends one request with a timeout, retrying 429 / 5xx / network errors; raises ApiError with plain words."""
    last_problem = "no attempt was made"
    for attempt in range(MAX_ATTEMPTS):
        try:
            response = ctx.session.request(method, url, headers=headers, json=body, params=params,
                                           timeout=HTTP_TIMEOUT_SECONDS)
        except requests.RequestException as exc:
            last_problem = "could not reach %s (%s)" % (url.split("?")[0], exc.__class__.__name__)
            if method != "GET":
                # A write may have been carried out before the connection broke: do not repeat it.
                raise ApiError("%s failed: %s" % (what, last_problem))
            time.sleep(retry_delay(None, attempt))
            continue
        # 429 means "not done, try later"; a 5xx on a write may have been carried out, so only reads retry it.
        if response.status_code == 429 or (response.status_code >= 500 and method == "GET"):
            last_problem = "HTTP %d" % response.status_code
            if attempt + 1 < MAX_ATTEMPTS:
                time.sleep(retry_delay(response, attempt))
                continue
        if response.status_code >= 400:
            code, message = error_details(response)
            raise ApiError("%s failed: HTTP %d %s%s" % (what, response.status_code, code or "",
                                                         (": " + message) if message else ""),
                           status=response.status_code, code=code)
        if not response.content.strip():
            return {}
        try:
            return response.json()
        except ValueError:
            return {"text": response.text[:500]}
    raise ApiError("%s failed after %d attempts: %s" % (what, MAX_ATTEMPTS, last_problem))


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


def access_token(ctx, scope):
    """Client-credentials token for the scope; msal caches it for the rest of the run."""
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
    token = access_token(ctx, DEFENDER_SCOPE)
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


# ---------------------------------------------------------------------------
# Runtime: what an incident contains
# ---------------------------------------------------------------------------

SEVERITY_ORDER = {"informational": 0, "low": 1, "medium": 2, "high": 3}


def canonical_source(name):
    return SOURCE_ALIASES.get(str(name or "").lower(), name)


def short(value):
    value = str(value)
    return value if len(value) <= 16 else value[:12] + "..."


def devices_of(alerts):
    seen, devices = set(), []
    for alert in alerts:
        for device in alert.get("devices") or []:
            machine_id = device.get("mdatpDeviceId")
            if machine_id and machine_id not in seen:
                seen.add(machine_id)
                devices.append({"machineId": machine_id, "deviceName": device.get("deviceDnsName") or machine_id,
                                "riskScore": device.get("riskScore"), "alertId": alert.get("alertId")})
    return devices


def entities_of(alerts, entity_type):
    return [(alert, entity) for alert in alerts for entity in alert.get("entities") or []
            if str(entity.get("entityType", "")).lower() == entity_type.lower()]


# What a trigger means (the same rules as src/incidents/triggers.ts, checked by one table of cases):
# every comparison ignores case; service sources are compared by canonical name. An alert passes
# when each given filter holds: severity (the alert's, or the incident's when it has none), service
# source, detection source, category, and the subject (any topic or title keyword). For an alert
# trigger the passing alerts are acted on; for an incident trigger the severity is the incident's,
# one alert must pass the other filters, and every alert is acted on.


def listed(values, value):
    return not values or str(value or "").lower() in [v.lower() for v in values]


def subject_matches(incident, alert):
    """Any topic (keyword in the incident name or alert title, or the alert's category) or any title keyword."""
    if not TRIGGER["topics"] and not TRIGGER["titleKeywords"]:
        return True
    texts = [str(incident.get("incidentName") or "").lower(), str((alert or {}).get("title") or "").lower()]
    category = str((alert or {}).get("category") or "").lower()
    for topic in TRIGGER["topics"]:
        if any(k.lower() in t for k in TOPICS[topic]["keywords"] for t in texts):
            return True
        if category and category in [c.lower() for c in TOPICS[topic]["categories"]]:
            return True
    return any(k.lower() in t for k in TRIGGER["titleKeywords"] for t in texts)


def alert_filters_fail(incident, alert):
    """Why the alert fails a filter other than severity, or None when it passes them all."""
    if TRIGGER["serviceSources"] and canonical_source(alert.get("serviceSource")) not in TRIGGER["serviceSources"]:
        return "alert %s comes from %s" % (alert.get("alertId"), alert.get("serviceSource"))
    if not listed(TRIGGER["detectionSources"], alert.get("detectionSource")):
        return "alert %s was detected by %s" % (alert.get("alertId"), alert.get("detectionSource"))
    if not listed(TRIGGER["categories"], alert.get("category")):
        return "alert %s is in category %s" % (alert.get("alertId"), alert.get("category"))
    if not subject_matches(incident, alert):
        return "alert %s is not about %s" % (alert.get("alertId"), " or ".join(TRIGGER["topics"] + TRIGGER["titleKeywords"]))
    return None


def alert_matches(incident, alert):
    """The trigger's alert filters (severity, source, detection source, category, topic, title words)."""
    severity = alert.get("severity") or incident.get("severity")
    if not listed(TRIGGER["severities"], severity):
        return False, "alert %s is %s severity" % (alert.get("alertId"), severity)
    problem = alert_filters_fail(incident, alert)
    if problem:
        return False, problem
    return True, "alert %s (%s, %s severity, %s) matches" % (alert.get("alertId"), alert.get("title"),
                                                             severity, alert.get("serviceSource"))


def matching_alerts(incident):
    """Applies the trigger; returns the alerts the steps act on (empty when the trigger does not match)."""
    alerts = incident.get("alerts") or []
    if not listed(TRIGGER["statuses"], incident.get("status")):
        return [], "incident status is %s, not %s" % (incident.get("status"), " or ".join(TRIGGER["statuses"]))
    if not listed(TRIGGER["classifications"], incident.get("classification")):
        return [], "incident classification is %s, not %s" % (incident.get("classification"), " or ".join(TRIGGER["classifications"]))
    if TRIGGER["kind"] == "alert":
        matched, reasons = [], []
        for alert in alerts:
            ok, reason = alert_matches(incident, alert)
            reasons.append(reason)
            if ok:
                matched.append(alert)
        if not matched:
            return [], "no alert matches: " + "; ".join(reasons or ["the incident has no alerts"])
        return matched, "; ".join(r for r in reasons if r.endswith("matches"))
    if not listed(TRIGGER["severities"], incident.get("severity")):
        return [], "incident severity is %s, not %s" % (incident.get("severity"), " or ".join(TRIGGER["severities"]))
    if not alerts:
        if TRIGGER["serviceSources"] or TRIGGER["detectionSources"] or TRIGGER["categories"]:
            return [], "the incident has no alerts to check the source or category of"
        if not subject_matches(incident, None):
            return [], "the incident name does not mention %s" % " or ".join(TRIGGER["topics"] + TRIGGER["titleKeywords"])
    else:
        problems = [alert_filters_fail(incident, alert) for alert in alerts]
        if all(problems):
            return [], "no alert matches: " + "; ".join(problems)
    return alerts or [incident_as_alert(incident)], "incident %s (%s, %s severity) matches" % (
        incident.get("incidentId"), incident.get("incidentName"), incident.get("severity"))


def incident_as_alert(incident):
    return {"alertId": "incident-%s" % incident.get("incidentId"), "devices": [], "entities": []}


def alerts_meeting(ctx, name, alerts, check, scope):
    """Evaluates a step's condition per alert, or once for the incident; emits a condition event for each decision."""
    if scope == "alert":
        passed = []
        for alert in alerts:
            try:
                ok, reason = check([alert])
            except ConditionUnknown as exc:
                ok, reason = False, "skipped: %s" % exc
            emit("condition", name=name, result=bool(ok), reason=reason, alertId=alert.get("alertId"))
            if ok:
                ctx.reasons[alert.get("alertId")] = reason
                passed.append(alert)
        return passed
    try:
        ok, reason = check(alerts)
    except ConditionUnknown as exc:
        ok, reason = False, "skipped: %s" % exc
    emit("condition", name=name, result=bool(ok), reason=reason)
    if ok:
        for alert in alerts:
            ctx.reasons[alert.get("alertId")] = reason
    return alerts if ok else []


def evidence_for(ctx, alert_id, **extra):
    evidence = {"alertId": alert_id, "reason": ctx.reasons.get(alert_id, "the trigger matched")}
    evidence.update(extra)
    return evidence


def files_on_devices(ctx, alerts, min_engines):
    """Each File entity with the device it was seen on; with min_engines, only files VirusTotal flags."""
    names = {d["machineId"]: d["deviceName"] for d in devices_of(ctx.incident.get("alerts") or [])}
    found, seen = [], set()
    for alert, entity in entities_of(alerts, "File"):
        machine_id = entity.get("deviceId") or next((d.get("mdatpDeviceId") for d in alert.get("devices") or []), None)
        key = (machine_id, entity.get("sha1") or entity.get("sha256"))
        if not machine_id or key in seen:
            continue
        seen.add(key)
        reason = ctx.reasons.get(alert.get("alertId"), "the trigger matched")
        if min_engines:
            value = entity.get("sha256") or entity.get("sha1") or entity.get("md5") or ""
            try:
                stats = verdict(ctx, "file", value, entity)
            except PlaybookError as exc:
                emit("condition", name="file is malicious on VirusTotal", result=False, reason="lookup of %s failed: %s" % (short(value), exc))
                continue
            malicious = stats is not None and stats.get("malicious", 0) >= min_engines
            reason = "%s (%s) on %s: %s; at least %d needed" % (entity.get("fileName") or "file", short(value),
                                                               names.get(machine_id, machine_id), describe_verdict(stats), min_engines)
            emit("condition", name="file is malicious on VirusTotal", result=malicious, reason=reason, alertId=alert.get("alertId"))
            if not malicious:
                continue
        found.append({"machineId": machine_id, "deviceName": names.get(machine_id, machine_id), "sha1": entity.get("sha1"),
                      "fileName": entity.get("fileName"), "alertId": alert.get("alertId"), "reason": reason})
    return found


def all_of(*results):
    failed = [reason for ok, reason in results if not ok]
    if failed:
        return False, "; ".join(failed)
    return True, "; ".join(reason for _, reason in results)


def any_of(*results):
    passed = [reason for ok, reason in results if ok]
    if passed:
        return True, "; ".join(passed)
    return False, "; ".join(reason for _, reason in results)


def not_(result):
    ok, reason = result
    return (not ok), reason


def device_risk_at_least(alerts, level):
    devices = devices_of(alerts)
    risky = [d for d in devices if SEVERITY_ORDER.get(str(d.get("riskScore") or "").lower(), -1) >= SEVERITY_ORDER[level.lower()]]
    if risky:
        return True, "%s has risk score %s" % (risky[0]["deviceName"], risky[0]["riskScore"])
    scores = ", ".join("%s: %s" % (d["deviceName"], d.get("riskScore") or "none") for d in devices) or "no device"
    return False, "no device has a %s risk score (%s)" % (level, scores)


def entity_present(alerts, entity_type):
    found = entities_of(alerts, entity_type)
    if found:
        return True, "the alert involves a %s entity" % entity_type
    return False, "no %s entity in the alert" % entity_type


def where_of(alerts):
    return "alert %s" % alerts[0].get("alertId") if len(alerts) == 1 else "the incident"


def alert_severity(incident, alert):
    """An alert's severity; an alert that carries none has the incident's."""
    return str(alert.get("severity") or incident.get("severity") or "")


def severity_is(ctx, alerts, severities, incident_scope):
    wanted = [s.lower() for s in severities]
    seen = [alert_severity(ctx.incident, a) for a in alerts]
    if incident_scope:
        seen.insert(0, str(ctx.incident.get("severity") or ""))
    hit = next((s for s in seen if s.lower() in wanted), None)
    if hit:
        return True, "%s is %s severity" % (where_of(alerts), hit)
    return False, "%s is %s severity, not %s" % (where_of(alerts), "/".join(sorted(set(seen))) or "of no", " or ".join(severities))


def alert_field_in(alerts, field, wanted, label, normalise=str):
    wanted_lower = [normalise(w).lower() for w in wanted]
    values = [normalise(str(a.get(field) or "")) for a in alerts]
    hit = next((v for v in values if v.lower() in wanted_lower), None)
    if hit:
        return True, "%s: %s is %s" % (where_of(alerts), label, hit)
    return False, "%s: %s is %s, not %s" % (where_of(alerts), label, "/".join(sorted(set(v or "(none)" for v in values))) or "(none)",
                                            " or ".join(wanted))


def category_is(alerts, categories):
    return alert_field_in(alerts, "category", categories, "category")


def service_source_is(alerts, sources):
    return alert_field_in(alerts, "serviceSource", sources, "service source", canonical_source)


def detection_source_is(alerts, sources):
    return alert_field_in(alerts, "detectionSource", sources, "detection source")


def title_contains(ctx, alerts, keywords):
    """The incident name or an alert title of the scope mentions a keyword (case-insensitive)."""
    texts = [str(ctx.incident.get("incidentName") or "")] + [str(a.get("title") or "") for a in alerts]
    for keyword in keywords:
        for text in texts:
            if keyword.lower() in text.lower():
                return True, "\"%s\" mentions \"%s\"" % (text, keyword)
    return False, "neither the incident name nor the titles in %s mention %s" % (
        where_of(alerts), " or ".join("\"%s\"" % k for k in keywords))


def incident_tagged(ctx, tags):
    present = [str(t) for t in ctx.incident.get("tags") or []]
    hit = next((t for t in present if t.lower() in [w.lower() for w in tags]), None)
    if hit:
        return True, "the incident is tagged %s" % hit
    return False, "the incident's tags (%s) include none of %s" % (", ".join(present) or "none", ", ".join(tags))


def incident_assignment(ctx, assigned, to):
    owner = str(ctx.incident.get("assignedTo") or "")
    if not assigned:
        return (not owner), ("the incident is assigned to %s" % owner if owner else "the incident is unassigned")
    if to:
        return owner.lower() == to.lower(), "the incident is assigned to %s" % (owner or "nobody")
    return bool(owner), ("the incident is assigned to %s" % owner if owner else "the incident is unassigned")
`;

export const RUNTIME_VIRUSTOTAL = String.raw`
# ---------------------------------------------------------------------------
# Runtime: VirusTotal verdicts
# ---------------------------------------------------------------------------

VT_PATHS = {"file": "files", "ip": "ip_addresses", "url": "urls", "domain": "domains"}


def iocs_of(alerts, ioc_types):
    """The IOCs the alerts involve: (type, value, alert, entity); files by SHA-256, else SHA-1, else MD5."""
    iocs, seen = [], set()
    for alert in alerts:
        for entity in alert.get("entities") or []:
            kind = str(entity.get("entityType", "")).lower()
            found = []
            if kind == "file" and "file" in ioc_types:
                value = entity.get("sha256") or entity.get("sha1") or entity.get("md5")
                if value:
                    found.append(("file", value))
            elif kind == "ip" and "ip" in ioc_types and entity.get("ipAddress"):
                found.append(("ip", entity["ipAddress"]))
            elif kind == "url" and "url" in ioc_types and entity.get("url"):
                found.append(("url", entity["url"]))
            elif kind in ("domain", "dnsdomain", "dns") and "domain" in ioc_types and entity.get("domainName"):
                found.append(("domain", entity["domainName"]))
            for ioc_type, value in found:
                if (ioc_type, value.lower()) not in seen:
                    seen.add((ioc_type, value.lower()))
                    iocs.append((ioc_type, value, alert, entity))
    return iocs


def vt_lookup_ids(ioc_type, value, entity):
    if ioc_type == "file":
        return [h for h in (entity.get("sha256"), entity.get("sha1"), entity.get("md5")) if h]
    if ioc_type == "url":
        return [base64.urlsafe_b64encode(value.encode("utf-8")).decode("ascii").rstrip("=")]
    return [value]


def verdict(ctx, ioc_type, value, entity):
    """VirusTotal's last_analysis_stats for an IOC, or None when VirusTotal does not know it (cached per run)."""
    key = (ioc_type, value.lower())
    if key in ctx.verdicts:
        return ctx.verdicts[key]
    stats = None
    if ioc_type == "ip" and is_private_ip(value):
        ctx.verdicts[key] = None
        return None
    api_key = ctx.require("VT_API_KEY", "look IOCs up on VirusTotal")
    for lookup in vt_lookup_ids(ioc_type, value, entity):
        url = "%s/api/v3/%s/%s" % (ctx.settings["VT_API_BASE"], VT_PATHS[ioc_type], lookup)
        try:
            payload = http_request(ctx, "GET", url, "VirusTotal lookup of %s %s" % (ioc_type, short(value)),
                                   headers={"x-apikey": api_key})
        except ApiError as exc:
            if exc.status == 404:
                continue
            raise
        stats = ((payload.get("data") or {}).get("attributes") or {}).get("last_analysis_stats") or {}
        break
    ctx.verdicts[key] = stats
    return stats


def is_private_ip(value):
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return False
    return address.is_private or address.is_loopback or address.is_link_local or address.is_reserved


def describe_verdict(stats):
    if stats is None:
        return "unknown to VirusTotal"
    total = sum(v for v in stats.values() if isinstance(v, int))
    return "%d/%d engines malicious" % (stats.get("malicious", 0), total)


def malicious_iocs(ctx, alerts, ioc_types, min_engines):
    """The IOCs VirusTotal flags with at least min_engines, and a line per IOC checked."""
    flagged, checked = [], []
    for ioc_type, value, alert, entity in iocs_of(alerts, ioc_types):
        try:
            stats = verdict(ctx, ioc_type, value, entity)
        except PlaybookError as exc:
            checked.append("%s %s: lookup failed (%s)" % (ioc_type, short(value), exc))
            continue
        checked.append("%s %s: %s" % (ioc_type, short(value), describe_verdict(stats)))
        if stats is not None and stats.get("malicious", 0) >= min_engines:
            flagged.append({"type": ioc_type, "value": value, "alert": alert, "entity": entity,
                            "verdict": describe_verdict(stats), "malicious": stats.get("malicious", 0)})
    return flagged, checked


def malicious_ioc(ctx, alerts, ioc_types, min_engines):
    flagged, checked = malicious_iocs(ctx, alerts, ioc_types, min_engines)
    where = "alert %s" % alerts[0].get("alertId") if len(alerts) == 1 else "the incident"
    if flagged:
        first = flagged[0]
        return True, "%s %s in %s is malicious on VirusTotal (%s; at least %d needed)" % (
            first["type"], short(first["value"]), where, first["verdict"], min_engines)
    if not checked:
        return False, "no %s in %s to check on VirusTotal" % ("/".join(ioc_types), where)
    failed = [line for line in checked if "lookup failed" in line]
    if failed:
        # "Not malicious" would be a guess: an "otherwise" branch must not run on it.
        raise ConditionUnknown("VirusTotal could not be asked about every IOC in %s (%s)" % (where, "; ".join(failed)))
    return False, "no %s in %s is malicious on VirusTotal with at least %d engine(s) (%s)" % (
        "/".join(ioc_types), where, min_engines, "; ".join(checked))


def virustotal_report(ctx, alerts):
    lines = []
    for ioc_type, value, _alert, entity in iocs_of(alerts, ("file",)):
        try:
            stats = verdict(ctx, ioc_type, value, entity)
            result = describe_verdict(stats)
        except PlaybookError as exc:
            result = "lookup failed (%s)" % exc
        lines.append("%s (%s): %s" % (entity.get("fileName") or "file", value, result))
    return lines or ["no file hashes in the incident"]
`;

export const RUNTIME_ACTIONS = String.raw`
# ---------------------------------------------------------------------------
# Runtime: sending (or previewing, or deferring) each side effect
# ---------------------------------------------------------------------------


def perform(ctx, action, target, request, evidence, destructive, send=None):
    """Runs one side effect and emits its action event; a failure is reported, never hides the other actions."""
    event = {"action": action, "target": target, "destructive": destructive, "dryRun": ctx.dry_run,
             "request": request, "evidence": evidence}
    if ctx.dry_run:
        event["status"] = "dry-run"
    elif action in ctx.deferred:
        event["status"] = "deferred"
    else:
        try:
            result = send() if send else send_request(ctx, request)
            event["status"] = "succeeded"
            event["result"] = summarise_result(result)
        except PlaybookError as exc:
            event["status"] = "failed"
            event["error"] = str(exc)
            log("%s on %s failed: %s" % (action, json.dumps(target, sort_keys=True), exc))
    ctx.actions.append(event)
    emit("action", **event)
    return event


def send_request(ctx, request):
    if request["api"] == "defender":
        return send_machine_aware(ctx, request)
    if request["api"] == "graph":
        return graph(ctx, request["method"], request["path"], request.get("body"))
    raise PlaybookError("unknown API %s" % request["api"])


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
        lines.append("%s %s: %s" % (event["action"], what, event["status"]))
    return lines
`;

export const RUNTIME_MACHINE = String.raw`

def machine_action(ctx, action, path_action, device, body, evidence):
    body = dict(body, Comment=comment_for(ctx, evidence))
    request = {"api": "defender", "method": "POST", "path": "/api/machines/%s/%s" % (device["machineId"], path_action), "body": body}
    return perform(ctx, action, {"machineId": device["machineId"], "deviceName": device["deviceName"]},
                   request, evidence, destructive=ACTION_DESTRUCTIVE[action])


def comment_for(ctx, evidence):
    return "Rampart playbook '%s' for incident %s: %s" % (PLAYBOOK_NAME, ctx.incident.get("incidentId"), evidence.get("reason", "trigger matched"))
`;

export const RUNTIME_INDICATOR = String.raw`

INDICATOR_TYPES = {"ip": "IpAddress", "url": "Url", "domain": "DomainName"}


def expiration_time(days):
    """ISO 8601 UTC time the indicator stops applying, days from now; None: it never expires."""
    if not days:
        return None
    moment = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=days)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def create_indicator(ctx, ioc, action_name, evidence, expires_in_days=None):
    if ioc["type"] == "file":
        entity = ioc.get("entity") or {}
        value = entity.get("sha256") or entity.get("sha1") or ioc["value"]
        indicator_type = "FileSha256" if entity.get("sha256") else "FileSha1"
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
                   request, evidence, destructive=True)
`;

export const RUNTIME_INCIDENT = String.raw`

def queue_incident_update(ctx, changes, evidence):
    """Incident changes from every step go out as one PATCH at the end (the API replaces fields wholesale)."""
    for key, value in changes.items():
        if key == "addTags":
            ctx.incident_changes.setdefault("addTags", [])
            ctx.incident_changes["addTags"].extend(t for t in value if t not in ctx.incident_changes["addTags"])
        else:
            ctx.incident_changes[key] = value
    ctx.incident_notes.append(evidence.get("reason", ""))


def flush_incident_update(ctx, vt_report):
    changes = ctx.incident_changes
    if not changes:
        return None
    incident = ctx.incident
    body = {}
    for key in ("status", "classification", "determination", "assignedTo"):
        if key in changes:
            body[key] = changes[key]
    if changes.get("addTags"):
        existing = list(incident.get("tags") or [])
        body["tags"] = existing + [t for t in changes["addTags"] if t not in existing]
    if changes.get("addComment"):
        lines = [changes.get("comment") or "Rampart playbook '%s':" % PLAYBOOK_NAME]
        if changes.get("includeVirusTotal") and vt_report:
            lines.append("VirusTotal results: " + "; ".join(vt_report))
        lines.append("Actions: " + "; ".join(actions_summary(ctx)))
        notes = [n for n in ctx.incident_notes if n]
        if notes:
            lines.append("Why: " + "; ".join(notes))
        body["comment"] = " ".join(lines)[:4000]
    request = {"api": "defender", "method": "PATCH", "path": "/api/incidents/%s" % incident.get("incidentId"), "body": body}
    return perform(ctx, "updateIncident", {"incidentId": incident.get("incidentId")}, request,
                   {"reason": "; ".join(n for n in ctx.incident_notes if n)}, destructive=False)
`;

export const RUNTIME_GRAPH = String.raw`

def graph(ctx, method, path, body=None):
    token = access_token(ctx, GRAPH_SCOPE)
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


def user_in_group(ctx, alerts, groups):
    """A user of the alerts is a member (direct or transitive) of one of the groups (display name or id)."""
    users = users_of(alerts)
    if not users:
        return False, "no user in %s" % where_of(alerts)
    checked = []
    for user in users:
        try:
            names = group_names_of(ctx, user)
        except PlaybookError as exc:
            raise ConditionUnknown("could not read the groups of %s: %s" % (user["upn"], exc))
        hit = next((g for g in groups if g.lower() in names), None)
        if hit:
            return True, "%s is a member of %s" % (user["upn"], hit)
        checked.append(user["upn"])
    return False, "%s %s not in %s" % (", ".join(checked), "is" if len(checked) == 1 else "are", " or ".join(groups))


def users_of(alerts):
    seen, users = set(), []
    for _alert, entity in entities_of(alerts, "User"):
        user_id = entity.get("aadUserId") or entity.get("userPrincipalName")
        if user_id and user_id.lower() not in seen:
            seen.add(user_id.lower())
            users.append({"id": user_id, "objectId": entity.get("aadUserId"),
                          "upn": entity.get("userPrincipalName") or entity.get("accountName") or user_id})
    return users
`;

export const RUNTIME_USER_ACTIONS = String.raw`

def user_action(ctx, action, user, evidence):
    target = {"user": user["upn"], "userId": user["id"]}
    if action == "disableUser":
        request = {"api": "graph", "method": "PATCH", "path": "/v1.0/users/%s" % user["id"], "body": {"accountEnabled": False}}
    elif action == "revokeSessions":
        request = {"api": "graph", "method": "POST", "path": "/v1.0/users/%s/revokeSignInSessions" % user["id"], "body": {}}
#RESET#
    else:
        if not user.get("objectId"):
            return perform(ctx, action, target, {"api": "graph", "method": "POST", "path": "", "body": {}}, evidence, True,
                           send=lambda: fail("the user has no Entra object id (aadUserId) in the alert"))
        verb = "confirmCompromised" if action == "confirmCompromised" else "dismiss"
        request = {"api": "graph", "method": "POST", "path": "/v1.0/identityProtection/riskyUsers/%s" % verb,
                   "body": {"userIds": [user["objectId"]]}}
    return perform(ctx, action, target, request, evidence, destructive=True)
`;

/** The resetPassword branch of user_action, only in playbooks that reset passwords. */
export const RESET_BRANCH = String.raw`    elif action == "resetPassword":
        # The new password is generated when the call is sent and never printed.
        request = {"api": "graph", "method": "PATCH", "path": "/v1.0/users/%s" % user["id"],
                   "body": {"passwordProfile": {"forceChangePasswordNextSignIn": True}}}
        return perform(ctx, action, target, request, evidence, destructive=True,
                       send=lambda: graph(ctx, "PATCH", request["path"], {"passwordProfile": {
                           "forceChangePasswordNextSignIn": True, "password": new_password()}}))
`;

export const RUNTIME_PASSWORD = String.raw`

def new_password():
    alphabet = string.ascii_letters + string.digits + "!@#$%^&*-_"
    return "".join(secrets.choice(alphabet) for _ in range(24))
`;

export const RUNTIME_TEAMS = String.raw`

def post_to_teams(ctx, incident, vt_report, evidence):
    facts = [{"title": "Severity", "value": str(incident.get("severity"))},
             {"title": "Status", "value": str(incident.get("status"))},
             {"title": "Incident", "value": str(incident.get("incidentId"))}]
    body = [{"type": "TextBlock", "size": "Medium", "weight": "Bolder", "wrap": True,
             "text": "Rampart: %s" % (incident.get("incidentName") or "incident %s" % incident.get("incidentId"))},
            {"type": "FactSet", "facts": facts},
            {"type": "TextBlock", "wrap": True, "text": "Playbook: %s" % PLAYBOOK_NAME},
            {"type": "TextBlock", "wrap": True, "text": "Actions:\n- " + "\n- ".join(actions_summary(ctx))}]
    if vt_report:
        body.append({"type": "TextBlock", "wrap": True, "text": "VirusTotal:\n- " + "\n- ".join(vt_report)})
    card = {"type": "AdaptiveCard", "version": "1.4", "body": body}
    if incident_link(ctx, incident):
        card["actions"] = [{"type": "Action.OpenUrl", "title": "Open in Defender XDR", "url": incident_link(ctx, incident)}]
    message = {"type": "message", "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": card}]}
    request = {"api": "teams", "method": "POST", "path": "TEAMS_WEBHOOK_URL", "body": message}

    def send():
        url = ctx.require("TEAMS_WEBHOOK_URL", "post to the Teams channel")
        return http_request(ctx, "POST", url, "posting to Teams", body=message)

    return perform(ctx, "teamsMessage", {"channel": "TEAMS_WEBHOOK_URL"}, request, evidence, destructive=False, send=send)
`;

export const RUNTIME_MAIL = String.raw`

def send_mail(ctx, incident, recipients, vt_report, evidence):
    recipients = recipients or [r.strip() for r in ctx.settings.get("SOC_EMAIL_TO", "").split(",") if r.strip()]
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
            raise PlaybookError("no recipient: name one in the request or set SOC_EMAIL_TO")
        return graph(ctx, "POST", request["path"], message)

    return perform(ctx, "sendMail", {"to": recipients}, request, evidence, destructive=False, send=send)
`;

/** Device filters ("servers only", "except domain controllers"): only in playbooks whose steps carry one. */
export const RUNTIME_DEVICE_FILTER = String.raw`

# ---------------------------------------------------------------------------
# Runtime: device filters
# ---------------------------------------------------------------------------

# A server: osPlatform contains "Server"; or a Linux / other non-Windows-client device whose RBAC group
# or machine tags say "server". A workstation: any device that is not a server. Defender has no reliable
# domain-controller flag: a DC is recognised by its name (dc01, dc-east, hq-dc2) or a group / tag hint.
CLIENT_PLATFORMS = ("windows7", "windows8", "windows10", "windows11", "macos", "ios", "android")
KIND_WORDS = {"server": ("a server", "servers"), "workstation": ("a workstation", "workstations"),
              "domainController": ("a domain controller", "domain controllers")}
MACHINE_TAGS = {}


def device_details(ctx, device):
    """The alert's devices[] entry for a device: osPlatform, rbacGroupName, deviceDnsName, riskScore."""
    for alert in ctx.incident.get("alerts") or []:
        for entry in alert.get("devices") or []:
            if entry.get("mdatpDeviceId") == device["machineId"]:
                return entry
    return {}


def machine_tags(ctx, device, entry):
    """The machine's tags: from the alert when it carries them, else from /api/machines/{id}; None when unknown."""
    if isinstance(entry.get("machineTags"), list):
        return [str(t) for t in entry["machineTags"]]
    key = device["machineId"]
    if key not in MACHINE_TAGS:
        try:
            machine = defender(ctx, "GET", "/api/machines/%s" % key, what="reading the tags of %s" % device["deviceName"])
            MACHINE_TAGS[key] = [str(t) for t in machine.get("machineTags") or []]
        except PlaybookError as exc:
            log("could not read the tags of %s: %s" % (device["deviceName"], exc))
            MACHINE_TAGS[key] = None
    return MACHINE_TAGS[key]


def device_kinds(entry, name, labels):
    """The kinds a device is (server / workstation / domainController), or None when the alert has no osPlatform."""
    platform = str(entry.get("osPlatform") or "").lower()
    if not platform:
        return None
    client = platform.startswith(CLIENT_PLATFORMS)
    server = "server" in platform or (not client and any("server" in label for label in labels))
    short_name = name.lower().split(".")[0]
    dc = (short_name[:2] == "dc" and (len(short_name) == 2 or short_name[2] in "0123456789-_")) or any(
        short_name[i:i + 3] == "-dc" and (len(short_name) == i + 3 or short_name[i + 3] in "0123456789-_")
        for i in range(len(short_name))) or any("domain controller" in label or label in ("dc", "dcs") for label in labels)
    kinds = ["server"] if server else ["workstation"]
    if dc:
        kinds.append("domainController")
    return kinds


def words_in(text, phrase):
    return (" %s " % " ".join(text.lower().replace("-", " ").replace("_", " ").split())).find(
        " %s " % " ".join(phrase.lower().replace("-", " ").replace("_", " ").split())) >= 0


def device_criteria(ctx, device, match):
    """Each criterion of a match block as (holds: True / False / None when unknown, what the device is, what was asked)."""
    entry = device_details(ctx, device)
    name = str(entry.get("deviceDnsName") or device.get("deviceName") or device["machineId"])
    group = str(entry.get("rbacGroupName") or "")
    tags = machine_tags(ctx, device, entry) if match.get("tags") else (
        [str(t) for t in entry.get("machineTags")] if isinstance(entry.get("machineTags"), list) else [])
    labels = [label.lower() for label in [group] + (tags or []) if label]
    out = []
    if match.get("kinds"):
        kinds = device_kinds(entry, name, labels)
        what = ("%s (osPlatform %s)" % (" and ".join(KIND_WORDS[k][0] for k in kinds), entry.get("osPlatform"))
                if kinds else "its kind is unknown (the alert has no osPlatform)")
        out.append((None if kinds is None else any(k in kinds for k in match["kinds"]), what,
                    " or ".join(KIND_WORDS[k][1] for k in match["kinds"])))
    if match.get("groups"):
        held = any(words_in(group, g) for g in match["groups"]) or any(t.lower() == g.lower() for t in tags or [] for g in match["groups"])
        out.append((held, "in group %s" % (group or "(none)"), "devices in the %s group" % " or ".join(match["groups"])))
    if match.get("tags"):
        held = None if tags is None else any(t.lower() == w.lower() for t in tags for w in match["tags"])
        out.append((held, "tagged %s" % (", ".join(tags) or "(no tags)") if tags is not None else "its tags could not be read",
                    "devices tagged %s" % " or ".join(match["tags"])))
    if match.get("namePatterns"):
        short_name = name.split(".")[0]
        held = any(fnmatch.fnmatchcase(n.lower(), p.lower()) for p in match["namePatterns"] for n in (name, short_name))
        out.append((held, "named %s" % name, "devices named %s" % " or ".join(match["namePatterns"])))
    if match.get("osPlatforms"):
        platform = str(entry.get("osPlatform") or "")
        held = bool(platform) and any(platform.lower().startswith(p.lower()) for p in match["osPlatforms"])
        out.append((held if platform else None, "running %s" % platform if platform else "its OS is unknown",
                    "devices running %s" % " or ".join(match["osPlatforms"])))
    if match.get("minRiskScore"):
        score = entry.get("riskScore") or device.get("riskScore")
        held = SEVERITY_ORDER.get(str(score or "").lower(), -1) >= SEVERITY_ORDER[match["minRiskScore"].lower()]
        out.append((held, "with risk score %s" % (score or "none"), "devices with a %s risk score" % match["minRiskScore"]))
    return out


def device_allowed(ctx, device, device_filter):
    """(allowed, reason). A device the filter cannot judge is skipped: acting on the wrong machine is worse."""
    name = device.get("deviceName") or device["machineId"]
    include = device_criteria(ctx, device, device_filter.get("include") or {})
    for held, what, wanted in include:
        if held is None:
            return False, "skipped %s: %s, so Rampart cannot tell whether it is one of the %s the request is for" % (name, what, wanted)
        if not held:
            return False, "skipped %s: %s, the request is for %s only" % (name, what, wanted)
    for held, what, wanted in device_criteria(ctx, device, device_filter.get("exclude") or {}):
        if held is None:
            return False, "skipped %s: %s, so Rampart cannot rule out that it is one of the %s the request excludes" % (name, what, wanted)
        if held:
            return False, "skipped %s: %s, the request excludes %s" % (name, what, wanted)
    kept = "; ".join(what for _held, what, _wanted in include) or "not excluded"
    return True, "%s: %s" % (name, kept)


def filtered_devices(ctx, devices, device_filter, action):
    """The devices a step may act on, with a condition event for each device kept or skipped."""
    allowed = []
    for device in devices:
        ok, reason = device_allowed(ctx, device, device_filter)
        emit("condition", name="device filter (%s)" % action, result=ok, reason=reason,
             deviceName=device.get("deviceName"), machineId=device["machineId"])
        if ok:
            allowed.append(device)
    return allowed
`;
