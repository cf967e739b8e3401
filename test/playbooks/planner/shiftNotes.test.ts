import assert from 'node:assert/strict';
import { normalizeRequest } from '../../../src/playbooks/planner/normalize';
import { accepted, step } from './helpers';

describe('offline planner: a standing rule carried in a shift handover or meeting minutes', () => {
  it('when a handover opens with its heading and what happened tonight, then those are background and the standing rule is read', async () => {
    const request = [
      'Handover 23:40 ZQ -> morning shift',
      'FYI: one phishing wave, purged by ZAP, nothing open.',
      'quiet otherwise.',
      'standing rule pls: any ransomware alert on a workstation -> full isolate + tag the incident ransom-auto. NOT servers.',
      '- ZQ',
    ].join('\n');
    const n = normalizeRequest(request);
    assert.ok(n.background?.some((b) => /^FYI/.test(b)), JSON.stringify(n.background));
    const plan = await accepted(request);
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.include, { kinds: ['workstation'] });
    assert.deepEqual(step(plan, 'updateIncident').params.incident?.addTags, ['ransom-auto']);
  });

  it('when minutes hold a decision and an exception with its owner\'s initials, then the exception leaves those devices out', async () => {
    const plan = await accepted(
      ['Weekly SOC sync - notes', 'Attendees: AB, CD', '- Decision: High sev MDE alerts with mimikatz in the title -> collect an investigation package from the device.', '- Exception (CD): devices tagged honeypot -> skip.'].join('\n'),
    );
    assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter?.exclude, { tags: ['honeypot'] });
  });
});
