import assert from 'node:assert/strict';
import { accepted, step } from './helpers';

describe('offline planner: a threat-intelligence analyst\'s notes (one rule per line, arrows, VirusTotal look-ups, bands)', () => {
  it('when a "+" line goes on under a rule and names a case of its own, then its step needs both cases and the rule above keeps its own', async () => {
    const plan = await accepted(['C2 callbacks (cat: CommandAndControl)', ' dst ip → VT', ' ≥8 mal → block ip', '   + contain host if sev = High', ' RFC1918 → skip'].join('\n'));
    assert.deepEqual(plan.spec.trigger.severities, [], JSON.stringify(plan.spec.trigger));
    const block = step(plan, 'createIndicator');
    assert.equal(block.target.kind === 'iocs' ? block.target.minEngines : undefined, 8);
    assert.equal(block.iocFilter?.ipScope, 'public');
    const isolate = step(plan, 'isolate');
    assert.deepEqual(isolate.when?.condition, { all: [{ kind: 'severity', severities: ['High'] }, { kind: 'maliciousIoc', iocTypes: ['ip'], minEngines: 8 }] });
  });

  it('when the bands are "mal ≥15 → Block" and "mal 4–14 → Warn" under a TLP label, then the upper band blocks and the lower one warns', async () => {
    const plan = await accepted(['phishing url triage', '  url → VT', '  mal ≥15 → Block', '  mal 4–14 → Warn', '  <4 → nothing', 'TLP:GREEN'].join('\n'));
    const indicators = plan.spec.steps.filter((s) => s.action === 'createIndicator');
    assert.equal(indicators.length, 2, JSON.stringify(plan.spec.steps));
    assert.deepEqual(indicators.map((s) => [s.target.kind === 'iocs' ? s.target.minEngines : null, s.params.indicatorAction ?? 'Block']).sort(), [[15, 'Block'], [4, 'Warn']].sort());
  });

  it('when an allowlist line says "never block", then those domains are left out of the block, with their subdomains', async () => {
    const plan = await accepted(['MDO phish → IOC blocking', '  domain → VT', '  domain ≥4 mal → block domain, exp 60d', '  allowlist: fabrikam.com + subdomains — never block'].join('\n'));
    const block = step(plan, 'createIndicator');
    assert.deepEqual(block.iocFilter?.excludeDomains, ['fabrikam.com']);
    assert.equal(block.params.expiresInDays, 60);
  });

  it('when one IOC is said to be flagged and another clean ("url flagged but domain clean"), then each verdict is of its own IOC', async () => {
    for (const request of [
      'on phishing alerts look up the url and the domain on VirusTotal. if the url is flagged but the domain is clean, block the url',
      ['MDO phish', '  url + domain → VT', '  url flagged but domain clean → block URL only'].join('\n'),
    ]) {
      const plan = await accepted(request);
      const block = step(plan, 'createIndicator');
      // The URL blocked is one VirusTotal flags; the clean test is the domain's, never the URL's.
      assert.ok(block.target.kind === 'iocs' && block.target.minEngines !== null && block.target.minEngines >= 1, JSON.stringify(block));
      const when = JSON.stringify(block.when ?? null);
      assert.match(when, /"not":\{"kind":"maliciousIoc","iocTypes":\["domain"\]/, when);
      assert.doesNotMatch(when, /"not":\{"kind":"maliciousIoc","iocTypes":\[[^\]]*"url"/, when);
    }
  });

  it('when a count and a severity are joined by "and" ("if >= 6 malicious and severity is High"), then both gate the step', async () => {
    const plan = await accepted('C2 alerts. look up the ip on VirusTotal. if >= 6 malicious, block the ip. if >= 6 malicious and severity is High, contain the host.');
    assert.match(JSON.stringify(step(plan, 'isolate').when ?? null), /"maliciousIoc","iocTypes":\["ip"\],"minEngines":6/);
  });
});
