"""Unit tests of the playbook runtime (src/playbooks/codegen/runtime/*.py) against the simulator.

Run by test/playbooks/codegen/runtimePython.test.ts, which starts a simulator and passes its
settings in the environment (the playbook settings of the generated-playbook contract in docs/ARCHITECTURE.md, plus SIM_URL).
"""
import contextlib
import io
import json
import os
import sys
import unittest

import requests

sys.path.insert(0, os.environ["RAMPART_RUNTIME_DIR"])

import actions  # noqa: E402
import alerts  # noqa: E402
import conditions  # noqa: E402
import core  # noqa: E402
import device_filter  # noqa: E402
import graph  # noqa: E402
import indicator  # noqa: E402
import machine  # noqa: E402
import mail  # noqa: E402
import virustotal  # noqa: E402

SIM_URL = os.environ["SIM_URL"]
CA_FILE = os.environ["REQUESTS_CA_BUNDLE"]
DEVICE_ID = "5f0c3a2b1e4d6c7a8b9e0f1a2b3c4d5e6f7a8b9c"


def sim(method, path, body=None):
    """A control-API call (reset, incidents, faults, calls)."""
    response = requests.request(method, SIM_URL + path, json=body, verify=CA_FILE, timeout=10)
    response.raise_for_status()
    return response.json() if response.content else None


def incident(**extra):
    data = {"incidentId": 61001, "incidentName": "Credential theft on one endpoint", "severity": "High", "status": "Active",
            "alerts": [{"alertId": "a1", "title": "'Mimikatz' credential theft tool", "severity": "High",
                        "serviceSource": "MicrosoftDefenderATP", "category": "CredentialAccess",
                        "devices": [{"mdatpDeviceId": DEVICE_ID, "deviceDnsName": "ws-fin-042.contoso.local"}],
                        "entities": [{"entityType": "User", "userPrincipalName": "alice@contoso.com",
                                      "aadUserId": "1c5b0d3e-0000-4000-8000-00000000a11c"},
                                     {"entityType": "File", "fileName": "mimi.exe", "sha256": "ab" * 32}]}]}
    data.update(extra)
    return data


def alice_in_group_bob_not(group):
    """Two users in the simulator, alice a member of the group and bob of none; one alert naming both."""
    sim("POST", "/_sim/users", {"id": "1c5b0d3e-0000-4000-8000-00000000a11c", "userPrincipalName": "alice@contoso.com",
                                 "groups": [{"id": "77777777-0000-4000-8000-000000000001", "displayName": group}]})
    sim("POST", "/_sim/users", {"id": "2d6c1e4f-0000-4000-8000-00000000b0b0", "userPrincipalName": "bob@contoso.com", "groups": []})
    return {"id": "da-1", "entities": [
        {"entityType": "User", "userPrincipalName": "alice@contoso.com", "aadUserId": "1c5b0d3e-0000-4000-8000-00000000a11c"},
        {"entityType": "User", "userPrincipalName": "bob@contoso.com", "aadUserId": "2d6c1e4f-0000-4000-8000-00000000b0b0"},
    ]}


def new_context(dry_run=False):
    ctx = core.Context(core.load_settings(), dry_run, set())
    return ctx


def quietly(function, *args, **kwargs):
    """Calls function with stdout captured; returns (result, the JSON events it emitted)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        result = function(*args, **kwargs)
    return result, [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]


class RuntimeAgainstSimulator(unittest.TestCase):
    def setUp(self):
        sim("POST", "/_sim/reset")
        sim("POST", "/_sim/incidents", incident())
        self.ctx = new_context()

    def test_load_incident_reads_it_from_defender_with_a_client_credentials_token(self):
        loaded, events = quietly(core.load_incident, self.ctx, 61001, None)
        self.assertEqual(loaded["incidentName"], "Credential theft on one endpoint")
        self.assertEqual(events[0]["step"], "load incident")

    def test_a_429_is_retried_after_retry_after_and_then_succeeds(self):
        sim("POST", "/_sim/faults", {"path": "/api/incidents/61001", "status": 429, "retryAfterSeconds": 0, "count": 1})
        loaded = core.defender(self.ctx, "GET", "/api/incidents/61001")
        self.assertEqual(loaded["incidentId"], 61001)
        statuses = [c["status"] for c in sim("GET", "/_sim/calls") if c["path"] == "/api/incidents/61001"]
        self.assertEqual(statuses, [429, 200])

    def test_a_refusal_raises_api_error_with_the_status_and_code(self):
        with self.assertRaises(core.ApiError) as caught:
            core.defender(self.ctx, "GET", "/api/incidents/99999")
        self.assertEqual(caught.exception.status, 404)
        self.assertIn("ResourceNotFound", str(caught.exception))

    def test_the_trigger_reads_aliases_and_the_incident_severity_when_an_alert_has_none(self):
        alerts.TRIGGER = dict(alerts.TRIGGER, kind="alert", severities=["High"], serviceSources=["MicrosoftDefenderForEndpoint"])
        alerts.SOURCE_ALIASES = {"microsoftdefenderatp": "MicrosoftDefenderForEndpoint"}
        data = incident()
        del data["alerts"][0]["severity"]
        matched, reason = alerts.matching_alerts(data)
        self.assertEqual([a["alertId"] for a in matched], ["a1"], reason)
        data["severity"] = "Low"
        self.assertEqual(alerts.matching_alerts(data)[0], [])

    def test_virustotal_verdicts_come_from_the_api_and_an_unknown_hash_is_none(self):
        sim("PUT", "/_sim/virustotal", {"files": {"ab" * 32: {"malicious": 7, "undetected": 63}}})
        stats = virustotal.verdict(self.ctx, "file", "ab" * 32, {"sha256": "ab" * 32})
        self.assertEqual(stats["malicious"], 7)
        self.assertIsNone(virustotal.verdict(self.ctx, "file", "cd" * 32, {"sha256": "cd" * 32}))
        self.ctx.incident = incident()
        ok, reason = virustotal.malicious_ioc(self.ctx, self.ctx.incident["alerts"], ("file",), 5)
        self.assertTrue(ok, reason)

    def test_group_membership_is_read_through_graph(self):
        sim("POST", "/_sim/users", {"id": "1c5b0d3e-0000-4000-8000-00000000a11c", "userPrincipalName": "alice@contoso.com",
                                     "groups": [{"id": "77777777-0000-4000-8000-000000000001", "displayName": "Finance Admins"}]})
        data = incident()
        self.assertEqual(graph.user_in_group(self.ctx, data["alerts"], ("finance admins",))[0], True)
        self.assertEqual(graph.user_in_group(self.ctx, data["alerts"], ("Sales",))[0], False)

    def test_a_step_for_members_needs_every_user_of_the_alert_in_the_group(self):
        alert = alice_in_group_bob_not("Finance Admins")
        # One member is enough to hold a step back ("unless they are in ..."), not to let it reach the other user.
        self.assertEqual(graph.user_in_group(self.ctx, [alert], ("Finance Admins",))[0], True)
        held, reason = graph.user_in_group(self.ctx, [alert], ("Finance Admins",), every=True)
        self.assertFalse(held)
        self.assertIn("bob@contoso.com", reason)

    def test_a_group_user_filter_checks_each_user_on_their_own(self):
        alert = alice_in_group_bob_not("Contractors")
        users = graph.users_of([alert])
        kept, events = quietly(graph.filtered_users, users, {"inGroups": ["contractors"]}, "disableUser", self.ctx)
        self.assertEqual([u["upn"] for u in kept], ["alice@contoso.com"])
        self.assertEqual([e["result"] for e in events], [True, False])
        spared, _ = quietly(graph.filtered_users, users, {"notInGroups": ["Contractors"]}, "disableUser", self.ctx)
        self.assertEqual([u["upn"] for u in spared], ["bob@contoso.com"])
        # Without a way to read the groups, nobody is acted on.
        none, _ = quietly(graph.filtered_users, users, {"notInGroups": ["Contractors"]}, "disableUser")
        self.assertEqual(none, [])

    def test_a_group_to_spare_also_covers_groups_whose_name_holds_it_and_a_group_to_act_on_does_not(self):
        alert = alice_in_group_bob_not("Break Glass Accounts")
        users = graph.users_of([alert])
        spared, _ = quietly(graph.filtered_users, users, {"notInGroups": ["break glass"]}, "revokeSessions", self.ctx)
        self.assertEqual([u["upn"] for u in spared], ["bob@contoso.com"])
        # (Words, not letters: "glass" is no part of "Break Glassware".)
        other, _ = quietly(graph.filtered_users, users, {"notInGroups": ["break glas"]}, "revokeSessions", self.ctx)
        self.assertEqual([u["upn"] for u in other], ["alice@contoso.com", "bob@contoso.com"])
        acted, _ = quietly(graph.filtered_users, users, {"inGroups": ["break glass"]}, "revokeSessions", self.ctx)
        self.assertEqual(acted, [])
        # The same for a condition that holds a step back (lenient), never for one that lets a step run.
        self.assertEqual(graph.user_in_group(self.ctx, [alert], ("break glass",), lenient=True)[0], True)
        self.assertEqual(graph.user_in_group(self.ctx, [alert], ("break glass",))[0], False)

    def test_a_folder_file_filter_keeps_only_the_files_under_it(self):
        files = [{"fileName": "svch0st.exe", "filePath": "C:\\ProgramData", "machineId": "m1"},
                 {"fileName": "anydesk.exe", "filePath": "C:\\Users\\Public\\Downloads", "machineId": "m2"}]
        kept, events = quietly(virustotal.filtered_files, files, {"filePaths": ["c:\\programdata"]}, "stopAndQuarantineFile")
        self.assertEqual([f["machineId"] for f in kept], ["m1"])
        self.assertEqual([e["result"] for e in events], [True, False])
        # A wildcard folder: a user profile's Temp, not the system's.
        temps = [{"fileName": "a.exe", "filePath": "C:\\Users\\kim\\AppData\\Local\\Temp", "machineId": "m3"},
                 {"fileName": "b.exe", "filePath": "C:\\Windows\\Temp", "machineId": "m4"}]
        kept, _ = quietly(virustotal.filtered_files, temps, {"filePaths": ["\\users\\*\\temp"]}, "stopAndQuarantineFile")
        self.assertEqual([f["machineId"] for f in kept], ["m3"])

    def test_a_mail_subject_condition_reads_the_mail_message_entity(self):
        alert = {"id": "mdo-1", "entities": [{"entityType": "MailMessage", "subject": "Overdue INVOICE #4471", "sender": "billing@example.org"}]}
        self.assertTrue(conditions.mail_subject_contains([alert], ("invoice",))[0])
        held, reason = conditions.mail_subject_contains([alert], ("payroll",))
        self.assertFalse(held)
        self.assertIn("Overdue INVOICE", reason)

    def test_a_time_window_reads_defender_timestamps_in_utc(self):
        # Seven digits of fraction and a Z, as Defender writes them; an offset is taken back to UTC.
        self.assertEqual(conditions.utc_moment("2026-11-21T02:20:14.0000000Z").strftime("%a %H:%M"), "Sat 02:20")
        self.assertEqual(conditions.utc_moment("2026-11-20T23:30:00+02:00").strftime("%a %H:%M"), "Fri 21:30")
        self.assertIsNone(conditions.utc_moment("yesterday"))
        night = conditions.utc_moment("2026-11-20T06:59:00Z")
        morning = conditions.utc_moment("2026-11-20T07:00:00Z")
        # The start is in the window, the end is not; a window from 19:00 to 07:00 runs over midnight.
        self.assertTrue(conditions.in_window(night, None, "19:00", "07:00"))
        self.assertFalse(conditions.in_window(morning, None, "19:00", "07:00"))
        self.assertTrue(conditions.in_window(conditions.utc_moment("2026-11-20T19:00:00Z"), None, "19:00", "07:00"))
        self.assertFalse(conditions.in_window(night, ("Saturday", "Sunday"), None, None))

    def test_a_time_window_on_alerts_takes_any_alert_and_says_when_none_is_known(self):
        self.ctx.incident = {"createdTime": "2026-11-23T10:00:00Z", "alerts": []}
        alerts_ = [{"alertId": "a1", "firstActivity": "2026-11-23T09:00:00Z"}, {"alertId": "a2", "firstActivity": "2026-11-23T03:10:00Z"}]
        held, reason = conditions.time_in_window(self.ctx, alerts_, "firstActivity", None, "22:00", "05:00")
        self.assertTrue(held)
        self.assertIn("a2", reason)
        held, reason = conditions.time_in_window(self.ctx, [{"alertId": "a3"}], "firstActivity", None, "22:00", "05:00")
        self.assertFalse(held)
        self.assertIn("no time is known", reason)
        held, _ = conditions.time_in_window(self.ctx, [], "incidentCreated", ("Saturday", "Sunday"), None, None)
        self.assertFalse(held)

    def test_conditions_combine_with_reasons(self):
        self.ctx.incident = incident()
        ok, reason = conditions.all_of(conditions.category_is(self.ctx.incident["alerts"], ("credentialaccess",)),
                                       conditions.not_(conditions.incident_tagged(self.ctx, ("vip",))))
        self.assertTrue(ok, reason)

    def test_a_dry_run_prints_the_write_and_sends_nothing(self):
        ctx = new_context(dry_run=True)
        ctx.incident = incident()
        machine.ACTION_DESTRUCTIVE = {"isolate": True}
        device = alerts.devices_of(ctx.incident["alerts"])[0]
        event, events = quietly(machine.machine_action, ctx, "isolate", "isolate", device, {"IsolationType": "Full"}, {"reason": "test"})
        self.assertEqual(event["status"], "dry-run")
        self.assertEqual(events[0]["request"]["path"], "/api/machines/%s/isolate" % DEVICE_ID)
        self.assertFalse([c for c in sim("GET", "/_sim/calls") if c["action"]])

    def test_mail_to_the_alerts_users_is_one_message_per_person_and_one_for_a_named_address(self):
        self.ctx.settings["SOC_EMAIL_SENDER"] = "soc@contoso.com"
        self.ctx.incident = incident()
        quietly(mail.send_mail, self.ctx, self.ctx.incident, ["ir@contoso.com"], None, {"reason": "test"},
                users=["alice@contoso.com", "bob@contoso.com", "IR@contoso.com"])
        sent = [c for c in sim("GET", "/_sim/calls") if c["action"] == "sendMail"]
        recipients = [[r["emailAddress"]["address"] for r in c["body"]["message"]["toRecipients"]] for c in sent]
        # No one sees who else was sent the warning; the named address is not mailed twice.
        self.assertEqual(recipients, [["ir@contoso.com"], ["alice@contoso.com"], ["bob@contoso.com"]])

    def test_mail_to_the_alerts_users_with_no_address_fails_and_sends_nothing(self):
        self.ctx.settings["SOC_EMAIL_SENDER"] = "soc@contoso.com"
        self.ctx.incident = incident()
        event, _ = quietly(mail.send_mail, self.ctx, self.ctx.incident, [], None, {"reason": "test"}, users=[])
        self.assertEqual(event["status"], "failed")
        self.assertIn("no user of the alert has a mail address", event.get("error", ""))
        self.assertFalse([c for c in sim("GET", "/_sim/calls") if c["action"] == "sendMail"])

    def test_a_live_isolation_is_sent_once_and_succeeds(self):
        self.ctx.incident = incident()
        machine.ACTION_DESTRUCTIVE = {"isolate": True}
        device = alerts.devices_of(self.ctx.incident["alerts"])[0]
        event, _ = quietly(machine.machine_action, self.ctx, "isolate", "isolate", device, {"IsolationType": "Full"}, {"reason": "test"})
        self.assertEqual(event["status"], "succeeded", event.get("error"))
        self.assertEqual([c["action"] for c in sim("GET", "/_sim/calls") if c["action"]], ["isolate"])
        self.assertEqual(actions.actions_summary(self.ctx), ["isolate ws-fin-042.contoso.local: succeeded"])

    def test_an_isolate_refused_as_already_isolated_is_done_after_one_call(self):
        sim("POST", "/_sim/machines", {"id": DEVICE_ID, "computerDnsName": "ws-fin-042.contoso.local", "isolationState": "Isolated"})
        self.ctx.incident = incident()
        machine.ACTION_DESTRUCTIVE = {"isolate": True}
        device = alerts.devices_of(self.ctx.incident["alerts"])[0]
        event, _ = quietly(machine.machine_action, self.ctx, "isolate", "isolate", device, {"IsolationType": "Full"}, {"reason": "test"})
        self.assertEqual((event["status"], event.get("outcome")), ("succeeded", "already isolated"))
        self.assertEqual([c["status"] for c in sim("GET", "/_sim/calls") if c["action"] == "isolate"], [400])

    def test_a_release_while_the_isolation_is_pending_waits_for_it_and_is_sent_at_most_twice(self):
        self.ctx.incident = incident()
        machine.ACTION_DESTRUCTIVE = {"isolate": True, "unisolate": True}
        device = alerts.devices_of(self.ctx.incident["alerts"])[0]
        quietly(machine.machine_action, self.ctx, "isolate", "isolate", device, {"IsolationType": "Full"}, {"reason": "test"})
        event, _ = quietly(machine.machine_action, self.ctx, "unisolate", "unisolate", device, {}, {"reason": "test"})
        self.assertEqual(event["status"], "succeeded", event.get("error"))
        self.assertIn(len([c for c in sim("GET", "/_sim/calls") if c["action"] == "unisolate"]), (1, 2))

    def test_an_account_already_disabled_is_read_and_not_written_and_an_enabled_one_is_disabled(self):
        import user_actions
        sim("POST", "/_sim/users", {"id": "3e7d2f50-0000-4000-8000-00000000c0de", "userPrincipalName": "carol@contoso.com", "accountEnabled": False, "groups": []})
        sim("POST", "/_sim/users", {"id": "4f8e3a61-0000-4000-8000-00000000d0d0", "userPrincipalName": "dave@contoso.com", "accountEnabled": True, "groups": []})
        done, _ = quietly(user_actions.disable_user, self.ctx, {"id": "3e7d2f50-0000-4000-8000-00000000c0de", "upn": "carol@contoso.com"}, {"reason": "test"})
        self.assertEqual((done["status"], done.get("outcome")), ("succeeded", "account already disabled"))
        sent, _ = quietly(user_actions.disable_user, self.ctx, {"id": "4f8e3a61-0000-4000-8000-00000000d0d0", "upn": "dave@contoso.com"}, {"reason": "test"})
        self.assertEqual((sent["status"], sent.get("outcome")), ("succeeded", None))
        disables = [c for c in sim("GET", "/_sim/calls") if c["action"] == "disableUser"]
        self.assertEqual(len(disables), 1)
        self.assertIn("4f8e3a61", disables[0]["path"])

    def test_no_write_is_sent_a_third_time_in_a_run(self):
        sim("POST", "/_sim/faults", {"path": "^/api/incidents/61001$", "method": "PATCH", "status": 500})
        for _ in range(3):
            with self.assertRaises(core.ApiError):
                core.defender(self.ctx, "PATCH", "/api/incidents/61001", {"status": "InProgress"})
        patches = [c for c in sim("GET", "/_sim/calls") if c["action"] == "updateIncident"]
        self.assertEqual(len(patches), 2)


    def test_a_file_name_filter_keeps_only_the_named_files_whatever_their_case_or_folder(self):
        only = {"fileNames": ["svch0st.exe", "*.ps1"]}
        self.assertTrue(virustotal.file_named("C:\\Users\\Public\\SVCH0ST.EXE", only)[0])
        self.assertTrue(virustotal.file_named("drop/run.ps1", only)[0])
        ok, reason = virustotal.file_named("anydesk.exe", only)
        self.assertFalse(ok)
        self.assertIn("svch0st.exe or *.ps1 only", reason)
        self.assertFalse(virustotal.file_named(None, only)[0])
        self.assertTrue(virustotal.ioc_allowed("ip", "8.8.8.8", only)[0])
        self.assertFalse(virustotal.ioc_allowed("file", "abc", only, "anydesk.exe")[0])

    def test_a_file_indicator_is_made_of_the_hash_the_step_asks_for(self):
        self.ctx.incident = incident()
        entity = {"fileName": "mimi.exe", "sha1": "cd" * 20, "sha256": "ab" * 32}
        ioc = {"type": "file", "value": entity["sha256"], "entity": entity}
        event, _ = quietly(indicator.create_indicator, self.ctx, ioc, "AlertAndBlock", {"reason": "test"}, file_hash="SHA1")
        self.assertEqual(event["status"], "succeeded", event.get("error"))
        quietly(indicator.create_indicator, self.ctx, ioc, None, {"reason": "test"})
        sent = [(c["body"]["indicatorType"], c["body"]["indicatorValue"], c["body"]["action"])
                for c in sim("GET", "/_sim/calls") if c["action"] == "createIndicator"]
        self.assertEqual(sent, [("FileSha1", "cd" * 20, "AlertAndBlock"), ("FileSha256", "ab" * 32, "BlockAndRemediate")])
        # A SHA-1 asked for that the alert does not carry: the same file, by its SHA-256.
        self.assertEqual(indicator.file_indicator({"sha256": "ab" * 32}, "x", "SHA1"), ("ab" * 32, "FileSha256"))

    def test_a_windows_system_binary_is_never_blocked_but_the_file_beside_it_is(self):
        self.ctx.incident = incident()
        system = {"fileName": "vssadmin.exe", "filePath": "C:\\Windows\\System32", "sha256": "ef" * 32}
        payload = {"fileName": "lock.exe", "filePath": "C:\\Users\\kim\\Downloads", "sha256": "12" * 32}
        for entity in (system, payload):
            quietly(indicator.create_indicator, self.ctx, {"type": "file", "value": entity["sha256"], "entity": entity}, None, {"reason": "test"})
        sent = [c["body"]["indicatorValue"] for c in sim("GET", "/_sim/calls") if c["action"] == "createIndicator"]
        self.assertEqual(sent, ["12" * 32])
        self.assertTrue(core.system_binary("c:/windows/SysWOW64/"))
        self.assertFalse(core.system_binary("C:\\Windows\\System32Tools"))

    def test_an_ioc_filter_with_named_values_keeps_only_those(self):
        self.assertEqual(virustotal.ioc_allowed("ip", "203.0.113.77", {"values": ["203.0.113.77"]})[0], True)
        allowed, reason = virustotal.ioc_allowed("ip", "198.51.100.9", {"values": ["203.0.113.77"]})
        self.assertFalse(allowed)
        self.assertIn("names 203.0.113.77 only", reason)

    def test_an_ioc_value_condition_matches_the_named_ip_range_url_or_any_hash_of_a_file_and_nothing_else(self):
        alert = {"alertId": "a1", "entities": [
            {"entityType": "Ip", "ipAddress": "45.95.147.12"},
            {"entityType": "Url", "url": "http://cdn.example/r.bin"},
            {"entityType": "File", "sha1": "ab" * 20, "sha256": "cd" * 32}]}
        self.assertTrue(virustotal.ioc_value_in([alert], ("91.240.118.172", "45.95.147.12"))[0])
        self.assertTrue(virustotal.ioc_value_in([alert], ("45.95.147.0/24",))[0])
        self.assertTrue(virustotal.ioc_value_in([alert], ("HTTP://CDN.EXAMPLE/r.bin",))[0])
        self.assertTrue(virustotal.ioc_value_in([alert], ("ab" * 20,))[0])
        held, reason = virustotal.ioc_value_in([alert], ("91.240.118.172", "ef" * 32))
        self.assertFalse(held)
        self.assertIn("45.95.147.12", reason)

    def test_private_means_what_defender_refuses_as_an_indicator_and_a_documentation_range_is_public(self):
        for address in ("10.1.2.3", "172.20.0.1", "192.168.4.4", "127.0.0.1", "169.254.1.1", "fd00::1", "fe80::2"):
            self.assertTrue(virustotal.is_private_ip(address), address)
        for address in ("198.51.100.23", "203.0.113.77", "192.0.2.8", "8.8.8.8", "172.32.0.1", "2001:4860::8888"):
            self.assertFalse(virustotal.is_private_ip(address), address)
        allowed, reason = virustotal.ioc_allowed("ip", "10.1.2.3", {"ipScope": "public"})
        self.assertFalse(allowed)
        self.assertIn("private or reserved", reason)
        self.assertTrue(virustotal.ioc_allowed("ip", "198.51.100.23", {"ipScope": "public"})[0])

    def test_a_threat_family_matches_defenders_longer_name_but_not_a_different_family(self):
        self.assertTrue(conditions.threat_family_is([{"threatFamilyName": "EICAR_Test_File"}], ("EICAR",))[0])
        self.assertTrue(conditions.threat_family_is([{"threatFamilyName": "Trojan:Win32/Emotet.A"}], ("Emotet",))[0])
        self.assertTrue(conditions.threat_family_is([{"threatFamilyName": "CobaltStrike"}], ("Cobalt Strike",))[0])
        held, reason = conditions.threat_family_is([{"threatFamilyName": "Mimikatz"}], ("EICAR",))
        self.assertFalse(held)
        self.assertIn("not EICAR", reason)
        self.assertFalse(conditions.threat_family_is([{"threatFamilyName": "Emotetish"}], ("Emotet",))[0])

    def test_the_device_it_ran_on_is_the_one_the_file_entity_names_and_no_other(self):
        other = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b"
        two = incident(alerts=[{"alertId": "a2", "title": "Mimikatz", "severity": "High",
                                "devices": [{"mdatpDeviceId": DEVICE_ID, "deviceDnsName": "ws-1"},
                                            {"mdatpDeviceId": other, "deviceDnsName": "srv-2"}],
                                "entities": [{"entityType": "File", "fileName": "mimi.exe", "deviceId": other}]}])
        self.ctx.incident = two
        ran = {"include": {"ranThere": True}}
        self.assertFalse(device_filter.device_allowed(self.ctx, {"machineId": DEVICE_ID, "deviceName": "ws-1"}, ran)[0])
        self.assertTrue(device_filter.device_allowed(self.ctx, {"machineId": other, "deviceName": "srv-2"}, ran)[0])
        # Without a deviceId on the evidence, one device of the alert is the one; of two, neither can be told.
        two["alerts"][0]["entities"][0].pop("deviceId")
        held, reason = device_filter.device_allowed(self.ctx, {"machineId": other, "deviceName": "srv-2"}, ran)
        self.assertFalse(held)
        self.assertIn("cannot tell", reason)
        self.ctx.incident = incident()
        self.assertTrue(device_filter.device_allowed(self.ctx, {"machineId": DEVICE_ID, "deviceName": "ws-fin-042"}, ran)[0])

    def test_a_group_to_act_on_is_the_devices_own_group_and_a_group_to_leave_out_also_covers_near_names(self):
        self.ctx.incident = incident(alerts=[{"alertId": "a3", "title": "Mimikatz", "severity": "High",
                                              "devices": [{"mdatpDeviceId": DEVICE_ID, "deviceDnsName": "ws-exec-1",
                                                           "rbacGroupName": "Executive Workstations", "machineTags": []}],
                                              "entities": []}])
        device = {"machineId": DEVICE_ID, "deviceName": "ws-exec-1"}
        self.assertFalse(device_filter.device_allowed(self.ctx, device, {"include": {"groups": ["Workstations"]}})[0])
        self.assertTrue(device_filter.device_allowed(self.ctx, device, {"include": {"groups": ["executive workstations"]}})[0])
        self.assertFalse(device_filter.device_allowed(self.ctx, device, {"exclude": {"groups": ["Workstations"]}})[0])
        self.assertTrue(device_filter.device_allowed(self.ctx, device, {"exclude": {"groups": ["Servers"]}})[0])
        alerts_ = self.ctx.incident["alerts"]
        self.assertFalse(device_filter.device_is(self.ctx, alerts_, {"groups": ["Workstations"]})[0])
        self.assertTrue(device_filter.device_is(self.ctx, alerts_, {"groups": ["Workstations"]}, lenient=True)[0])
        self.ctx.incident = incident()

    def test_a_group_or_tag_misspelt_in_an_exception_still_leaves_the_device_out_but_never_chooses_one(self):
        self.ctx.incident = incident(alerts=[{"alertId": "a5", "title": "C2", "severity": "High",
                                              "devices": [{"mdatpDeviceId": DEVICE_ID, "deviceDnsName": "hmi-07",
                                                           "rbacGroupName": "Plant-Network", "machineTags": ["KeepOnline"]}],
                                              "entities": []}])
        device = {"machineId": DEVICE_ID, "deviceName": "hmi-07"}
        # Left out: one letter off in the group, and in the tag.
        self.assertFalse(device_filter.device_allowed(self.ctx, device, {"exclude": {"groups": ["Plant-Netwrok"]}})[0])
        self.assertFalse(device_filter.device_allowed(self.ctx, device, {"exclude": {"tags": ["KeepOnlne"]}})[0])
        # Never chosen by a near name, and a short or different name is no typo.
        self.assertFalse(device_filter.device_allowed(self.ctx, device, {"include": {"groups": ["Plant-Netwrok"]}})[0])
        self.assertTrue(device_filter.device_allowed(self.ctx, device, {"include": {"groups": ["Plant-Network"]}})[0])
        self.assertTrue(device_filter.device_allowed(self.ctx, device, {"exclude": {"groups": ["Office-Network-Core"]}})[0])
        self.assertTrue(device_filter.device_allowed(self.ctx, device, {"exclude": {"tags": ["Kiosk"]}})[0])
        self.assertFalse(device_filter.near_name("OT", "IT"))
        self.ctx.incident = incident()

    def test_a_group_named_with_a_star_is_a_pattern_of_group_names(self):
        self.ctx.incident = incident(alerts=[{"alertId": "a4", "title": "Miner", "severity": "High",
                                              "devices": [{"mdatpDeviceId": DEVICE_ID, "deviceDnsName": "build-7",
                                                           "rbacGroupName": "Engineering - Build", "machineTags": []}],
                                              "entities": []}])
        device = {"machineId": DEVICE_ID, "deviceName": "build-7"}
        self.assertTrue(device_filter.device_allowed(self.ctx, device, {"include": {"groups": ["Engineering - *"]}})[0])
        self.assertFalse(device_filter.device_allowed(self.ctx, device, {"include": {"groups": ["Finance - *"]}})[0])
        self.assertFalse(device_filter.device_allowed(self.ctx, device, {"exclude": {"groups": ["engineering*"]}})[0])
        self.ctx.incident = incident()


if __name__ == "__main__":
    unittest.main()
