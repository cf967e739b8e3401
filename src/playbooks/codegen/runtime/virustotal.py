"""Playbook runtime: VirusTotal verdicts for file hashes, IPs, URLs and domains."""
import base64
import fnmatch
import ipaddress

from conditions import where_of
from core import ApiError, ConditionUnknown, PlaybookError, emit, http_request, path_has, short

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
            elif kind in ("mailmessage", "mailbox") and "domain" in ioc_types and "@" in str(entity.get("sender") or ""):
                # A phishing mail's sender domain is a domain IOC of the alert.
                found.append(("domain", str(entity["sender"]).rsplit("@", 1)[1].strip().strip(">").lower()))
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


def ioc_is(ioc_type, value, entry):
    """Whether an IOC is the one a request names by value: the same value, or an address inside a named range."""
    if ioc_type == "ip" and "/" in entry:
        try:
            return ipaddress.ip_address(value) in ipaddress.ip_network(entry, strict=False)
        except ValueError:
            return False
    return str(value).lower() == entry.lower()


# The ranges Defender refuses as IP indicators ("only public IP addresses are supported"): internal, loopback, link-local,
# multicast and reserved. The documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24) are public to
# Defender, so they are looked up and may be blocked like any other public address.
NON_PUBLIC_NETWORKS = [ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "10.0.0.0/8", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/3",
    "::1/128", "fc00::/7", "fe80::/10")]


def ioc_value_in(alerts, values):
    """An IOC of the alerts is one of the values: an IP (or one inside a CIDR range), a URL, a domain or any hash of a file."""
    seen = []
    for alert in alerts:
        for entity in alert.get("entities") or []:
            kind = str(entity.get("entityType", "")).lower()
            if kind == "file":
                found = [("file", entity.get(k)) for k in ("sha256", "sha1", "md5")]
            elif kind == "ip":
                found = [("ip", entity.get("ipAddress"))]
            elif kind == "url":
                found = [("url", entity.get("url"))]
            elif kind in ("domain", "dnsdomain", "dns"):
                found = [("domain", entity.get("domainName"))]
            else:
                found = []
            for ioc_type, value in found:
                if not value:
                    continue
                seen.append(str(value))
                hit = next((v for v in values if ioc_is(ioc_type, str(value), v)), None)
                if hit:
                    return True, "%s %s is %s" % (ioc_type, short(str(value)), short(hit))
    return False, "no IOC of %s is %s (%s)" % (where_of(alerts), " or ".join(short(v) for v in values),
                                               ", ".join(short(v) for v in seen[:8]) or "no IOC")


def is_private_ip(value):
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return False
    return any(address in network for network in NON_PUBLIC_NETWORKS if network.version == address.version)


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


def unknown_ioc(ctx, alerts, ioc_types):
    """An IOC of these types that VirusTotal has no record of (404): not a clean verdict, and not a private IP."""
    where = "alert %s" % alerts[0].get("alertId") if len(alerts) == 1 else "the incident"
    checked, failed = [], []
    for ioc_type, value, _alert, entity in iocs_of(alerts, ioc_types):
        if ioc_type == "ip" and is_private_ip(value):
            continue
        try:
            stats = verdict(ctx, ioc_type, value, entity)
        except PlaybookError as exc:
            failed.append("%s %s: lookup failed (%s)" % (ioc_type, short(value), exc))
            continue
        if stats is None:
            return True, "%s %s in %s is unknown to VirusTotal" % (ioc_type, short(value), where)
        checked.append("%s %s: %s" % (ioc_type, short(value), describe_verdict(stats)))
    if failed:
        raise ConditionUnknown("VirusTotal could not be asked about every IOC in %s (%s)" % (where, "; ".join(failed)))
    if not checked:
        return False, "no %s in %s to check on VirusTotal" % ("/".join(ioc_types), where)
    return False, "VirusTotal knows every %s in %s (%s)" % ("/".join(ioc_types), where, "; ".join(checked))


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


def malicious_files_on_devices(ctx, files, min_engines):
    """The files (from files_on_devices) VirusTotal flags with at least min_engines; a condition event for each."""
    flagged = []
    for found in files:
        value = found["sha256"] or found["sha1"] or found["md5"] or ""
        try:
            stats = verdict(ctx, "file", value, found)
        except PlaybookError as exc:
            emit("condition", name="file is malicious on VirusTotal", result=False,
                 reason="lookup of %s failed, so it is left alone: %s" % (short(value), exc), alertId=found["alertId"])
            continue
        malicious = stats is not None and stats.get("malicious", 0) >= min_engines
        reason = "%s (%s) on %s: %s; at least %d needed" % (found["fileName"] or "file", short(value), found["deviceName"],
                                                           describe_verdict(stats), min_engines)
        emit("condition", name="file is malicious on VirusTotal", result=malicious, reason=reason, alertId=found["alertId"])
        if malicious:
            flagged.append(dict(found, reason=reason))
    return flagged


def ioc_host(ioc_type, value):
    """The host name an IOC points at (URLs and domains), lower case, or None."""
    if ioc_type == "domain":
        return value.lower().rstrip(".")
    if ioc_type == "url":
        rest = value.split("://", 1)[-1]
        host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].rsplit("@", 1)[-1]
        return host.split(":", 1)[0].lower().rstrip(".") or None
    return None


def file_named(name, ioc_filter):
    """(allowed, reason) for a file under the names a step is limited to; any file when none are named."""
    patterns = ioc_filter.get("fileNames") or []
    if not patterns:
        return True, "any file"
    base = str(name or "").replace("\\", "/").rsplit("/", 1)[-1].lower()
    if base and any(fnmatch.fnmatchcase(base, p.lower()) for p in patterns):
        return True, "named %s" % base
    return False, "skipped %s: the request is for files named %s only" % (base or "a file with no name in the alert", " or ".join(patterns))


def file_under(found, fragments):
    """(allowed, reason) for a file under the folders a step is limited to ("C:\\ProgramData"), case-insensitively."""
    folder = str(found.get("filePath") or "").rstrip("\\/")
    name = str(found.get("fileName") or "")
    path = ("%s\\%s" % (folder, name) if folder and name else folder or name).replace("/", "\\").lower()
    hit = next((f for f in fragments if path_has(path, f)), None)
    if hit:
        return True, "%s is under %s" % (path, hit)
    return False, "skipped %s: the request is for files under %s only" % (path or "a file with no path in the alert", " or ".join(fragments))


def ioc_allowed(ioc_type, value, ioc_filter, file_name=None):
    """(allowed, reason) for one IOC under a step's IOC filter."""
    named = [v.lower() for v in ioc_filter.get("values") or []]
    if named and str(value).lower() not in named:
        return False, "skipped %s: the request names %s only" % (short(value), " or ".join(ioc_filter["values"]))
    if ioc_type == "file" and ioc_filter.get("fileNames"):
        ok, reason = file_named(file_name, ioc_filter)
        if not ok:
            return False, reason
    scope = ioc_filter.get("ipScope")
    if ioc_type == "ip" and scope:
        private = is_private_ip(value)
        if scope == "public" and private:
            return False, "skipped %s: a private or reserved address, the request is for public IPs only" % value
        if scope == "private" and not private:
            return False, "skipped %s: a public address, the request is for private-range IPs only" % value
    for entry in ioc_filter.get("excludeValues") or []:
        if ioc_is(ioc_type, value, entry):
            return False, "skipped %s: the request says never %s" % (short(value), entry)
    host = ioc_host(ioc_type, value)
    for domain in ioc_filter.get("excludeDomains") or []:
        domain = domain.lower().lstrip(".")
        if host and (host == domain or host.endswith("." + domain)):
            return False, "skipped %s: at %s, which the request excludes" % (short(value), domain)
    return True, "%s %s: not excluded" % (ioc_type, short(value))


def filtered_iocs(iocs, ioc_filter, value_of):
    """The IOCs a block step may act on, with a condition event for each IOC kept or skipped."""
    allowed = []
    for ioc in iocs:
        ioc_type, value, file_name = value_of(ioc)
        ok, reason = ioc_allowed(ioc_type, value, ioc_filter, file_name)
        emit("condition", name="IOC filter (createIndicator)", result=ok, reason=reason, indicatorValue=value)
        if ok:
            allowed.append(ioc)
    return allowed


def filtered_files(files, ioc_filter, action):
    """The files (on their devices) a file step may act on, with a condition event for each one kept or skipped."""
    allowed = []
    for found in files:
        ok, reason = file_named(found.get("fileName"), ioc_filter)
        if ok and ioc_filter.get("filePaths"):
            ok, reason = file_under(found, ioc_filter["filePaths"])
        emit("condition", name="file filter (%s)" % action, result=ok, reason=reason,
             deviceName=found.get("deviceName"), machineId=found.get("machineId"))
        if ok:
            allowed.append(found)
    return allowed
