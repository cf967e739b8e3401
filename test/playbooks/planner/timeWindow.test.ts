import assert from 'node:assert/strict';
import { canonicalTimes, timeWindowOf } from '../../../src/playbooks/planner/timeWindow';
import { parseSpec } from '../../../src/playbooks/spec';
import { accepted, planner, step } from './helpers';

describe('time windows: hours and days a request limits a step to', () => {
  it('when the night is said as "before 06:30 or after 20:00 UTC", then the window runs over midnight', () => {
    const read = timeWindowOf('when the incident was created before 06:30 or after 20:00 UTC');
    assert.deepEqual(read && 'condition' in read ? read.condition : read, { kind: 'timeWindow', at: 'incidentCreated', from: '20:00', to: '06:30' });
  });

  it('when working hours are given after "outside", then the window is every other moment: the night on weekdays and the whole weekend', () => {
    const read = timeWindowOf('only outside office hours (Mon-Fri 09:00-17:30 GMT)');
    assert.deepEqual(read && 'condition' in read ? read.condition : read, {
      any: [
        { kind: 'timeWindow', at: 'incidentCreated', days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'], from: '17:30', to: '09:00' },
        { kind: 'timeWindow', at: 'incidentCreated', days: ['Saturday', 'Sunday'] },
      ],
    });
  });

  it('when the hours after "outside business hours" already run over midnight, then they are the window itself', () => {
    const read = timeWindowOf('outside business hours (between 21:00 and 05:00 UTC)');
    assert.deepEqual(read && 'condition' in read ? read.condition : read, { kind: 'timeWindow', at: 'incidentCreated', from: '21:00', to: '05:00' });
  });

  it('when hours are said with am/pm, then they are read on the 24-hour clock', () => {
    const read = timeWindowOf('if it fired between 11pm and 4am UTC');
    assert.deepEqual(read && 'condition' in read ? read.condition : read, { kind: 'timeWindow', at: 'alertCreated', from: '23:00', to: '04:00' });
  });

  it('when hours have no zone, another zone, or no minutes, then they are not read (Rampart asks)', () => {
    for (const t of ['if the incident came in after 19:00', 'only between 08:00 and 18:00 CET', 'if it is after 7 UTC']) {
      const read = timeWindowOf(t);
      assert.ok(!read || 'unread' in read, `${t}: ${JSON.stringify(read)}`);
    }
  });

  it('when a value names a day ("weekend-desk@contoso.com", a quoted tag), then it is left as it is', () => {
    const text = "mail weekend-desk@contoso.com and tag it 'on a weekend'";
    assert.equal(canonicalTimes(text), text);
  });

  it('when a request says "weekend" only as a word of a name, then no window is read', () => {
    assert.equal(timeWindowOf('weekend coverage playbook: isolate the linux box'), undefined);
  });

  it('when the activity of the alert is what started at night, then the window reads the first activity', () => {
    const read = timeWindowOf('only if the malicious activity began before 05:00 or after 22:00 UTC');
    assert.ok(read && 'condition' in read && 'kind' in read.condition && read.condition.kind === 'timeWindow' && read.condition.at === 'firstActivity', JSON.stringify(read));
  });

  it('when a window gives a start and no end, or the same start and end, then the spec refuses it', () => {
    const spec = (condition: unknown): unknown => ({ specVersion: 2, name: 'x', trigger: { kind: 'alert' }, steps: [{ action: 'teamsMessage', target: { kind: 'channel' }, when: { condition, scope: 'incident' } }] });
    assert.throws(() => parseSpec(spec({ kind: 'timeWindow', at: 'incidentCreated', from: '08:00' })));
    assert.throws(() => parseSpec(spec({ kind: 'timeWindow', at: 'incidentCreated', from: '08:00', to: '08:00' })));
    assert.throws(() => parseSpec(spec({ kind: 'timeWindow', at: 'incidentCreated' })));
    assert.throws(() => parseSpec(spec({ kind: 'timeWindow', at: 'incidentCreated', from: '25:00', to: '08:00' })));
    assert.doesNotThrow(() => parseSpec(spec({ kind: 'timeWindow', at: 'incidentCreated', days: ['Sunday'] })));
  });
});

describe('offline planner: steps limited to a time window', () => {
  it('when a restriction is for the night in UTC, then the step carries the window and the other steps do not', async () => {
    const plan = await accepted('restrict app execution on the box but only when the alert fired after 21:00 or before 06:00 UTC. always drop a note in teams.');
    assert.deepEqual(step(plan, 'restrictCodeExecution').when?.condition, { kind: 'timeWindow', at: 'alertCreated', from: '21:00', to: '06:00' });
    assert.equal(step(plan, 'teamsMessage').when, undefined);
  });

  it('when a window opens the sentence, then every step after it carries it', async () => {
    const plan = await accepted('Over the weekend: collect a pkg from the host and email weekend-desk@contoso.com');
    const window = { kind: 'timeWindow', at: 'incidentCreated', days: ['Saturday', 'Sunday'] };
    assert.deepEqual(step(plan, 'collectInvestigationPackage').when?.condition, window);
    assert.deepEqual(step(plan, 'sendMail').when?.condition, window);
    assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['weekend-desk@contoso.com']);
  });

  it('when the other side of the window is left to people ("in the daytime the analysts handle it"), then it adds no step and asks nothing', async () => {
    const plan = await accepted('isolate the host on high alerts, only if the incident was created before 06:00 or after 20:00 UTC. in the daytime the analysts handle it');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['isolate']);
  });

  it('when business hours are named without their hours, then the isolation is held back and Rampart asks which hours', async () => {
    const plan = await planner.plan('isolate the host on high alerts, only outside business hours');
    assert.equal(plan.ok, false);
    assert.ok(!plan.ok && 'question' in plan && /business hours/.test(String(plan.question)), JSON.stringify(plan));
  });

  it('when the hours are in a local zone, then the isolation is held back', async () => {
    const plan = await planner.plan('isolate the host on high alerts created after 19:00 EST');
    assert.equal(plan.ok, false);
  });

  it('when hours are ruled out for a step ("dont isolate during day shift (07:00-19:00 UTC)"), then the step never runs in them', async () => {
    const plan = await accepted('isolate the host on critical incidents. during day shift (07:00-19:00 UTC) dont isolate it, just ping the channel');
    const isolate = step(plan, 'isolate');
    assert.deepEqual(isolate.when?.condition, { not: { kind: 'timeWindow', at: 'incidentCreated', from: '07:00', to: '19:00' } });
    // Hours without a zone are still asked about.
    assert.equal((await planner.plan('isolate the host on critical incidents. dont isolate after 7')).ok, false);
  });

  it('when the hours of a condition come right before an arrow ("... 04:00 UTC and its critical -> collect"), then the colon of the time is not where the condition starts', async () => {
    const plan = await accepted('if the incident was opened between 20:00 and 04:00 UTC and its critical -> collect the investigation package');
    const collect = step(plan, 'collectInvestigationPackage');
    assert.ok(JSON.stringify(collect.when?.condition ?? plan.spec.trigger).includes('"from":"20:00","to":"04:00"'), JSON.stringify(plan.spec));
    assert.deepEqual(plan.spec.trigger.severities, ['High']);
  });

  it('when a night rule is named ("the nightly thing:") and says its hours, and "daytime ones dont touch, the client\'s team picks those up" closes it, then only the hours are the case', async () => {
    const plan = await accepted("ok the nightly thing: every high sev incident created b/w 21:00 and 05:00 UTC -> set status to in progress. daytime ones dont touch, the client's own team picks those up");
    assert.deepEqual(plan.spec.steps[0].when?.condition, { all: [{ kind: 'severity', severities: ['High'] }, { kind: 'timeWindow', at: 'incidentCreated', from: '21:00', to: '05:00' }] });
    // Without hours, "nightly" is still asked about.
    assert.equal((await planner.plan('ok the nightly thing: every high sev incident -> set status to in progress')).ok, false);
  });
});

describe('offline planner: windows named by a shift, and the hours outside them', () => {
  it('when the night shift is named by its hours ("which for us runs from 21:00 to 05:00 UTC"), then the step carries that window', async () => {
    const plan = await accepted('tag the incident night-queue, but only those created during the night shift, which for us runs from 21:00 to 05:00 UTC');
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'timeWindow', at: 'incidentCreated', from: '21:00', to: '05:00' });
  });

  it('when "outside these hours" follows a window, then its steps are the other side of the window', async () => {
    const plan = await accepted('collect a pkg from the host only on weekdays 09:00-17:00 UTC. Outside these hours just post in teams.');
    const window = { kind: 'timeWindow', at: 'incidentCreated', days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'], from: '09:00', to: '17:00' };
    assert.deepEqual(step(plan, 'collectInvestigationPackage').when?.condition, window);
    assert.deepEqual(step(plan, 'teamsMessage').when?.condition, { not: window });
  });
});

describe('offline planner: a kind of account defined in brackets by its name', () => {
  it('when "interns only (upn starts with int-)" follows the step, then only accounts named int-* are acted on', async () => {
    const plan = await accepted('reset the pw when idp flags a risky sign-in. interns only (upn starts with int-)');
    assert.deepEqual(step(plan, 'resetPassword').userFilter, { include: { namePatterns: ['int-*'] } });
  });
});
