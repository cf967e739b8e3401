import assert from 'node:assert/strict';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { defenderIncident, postIncident } from '../incidents/helpers';
import { call as simCall } from '../simulator/simHttp';
import { clickCardButton, openChannel, postMention, saveScreenshot, startPlaygroundWorld, stopPlaygroundWorld, threads, waitForCard, type PlaygroundWorld } from './playground';

/**
 * The Playground end-to-end of card work that takes time (@e2e):
 * 1. Dry-run on another incident: the card shows "Working" the moment the button is clicked
 *    (the invoke answers at once) and the dry run's result replaces it in place.
 * 2. A playbook run's live card in the incident thread: waiting for approval, approved and
 *    refused by Defender (failed, with Retry), retried and succeeded, all on one card updated in place.
 * Screenshots go to test-artifacts/live-*.png.
 */

const REQUEST =
  'Isolate the machine if a critical severity alert from Microsoft Defender for Endpoint involves a known malicious IOC, and post the details to a Teams channel.';
const SECRET = 'e2e-webhook-secret';

describe('@e2e live card work in the Playground', function () {
  this.timeout(300_000);
  const w: Partial<PlaygroundWorld> = {};

  before(async function () {
    await startPlaygroundWorld(this, { name: 'rampart-e2e-live', simulator: true, env: { WEBHOOK_HMAC_SECRET: SECRET }, viewport: { width: 1400, height: 1300 } }, w);
  });

  after(() => stopPlaygroundWorld(w));

  async function shot(target: Page | Locator, name: string): Promise<void> {
    if ('scrollIntoViewIfNeeded' in target) await target.scrollIntoViewIfNeeded();
    await saveScreenshot(target, name);
  }

  /** The top of a (tall) card: scrolled to the top of the view, then that part of the page. */
  async function shotTop(card: Locator, name: string, height = 700): Promise<void> {
    const page = w.browser!.page;
    await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.mouse.wheel(0, -80);
    const box = await card.boundingBox();
    assert.ok(box, `${name}: the card is on the page`);
    const top = Math.max(0, box.y - 10);
    await saveScreenshot(page, name).catch(() => undefined);
    await page.screenshot({ path: path.join(__dirname, '../../test-artifacts', `${name}.png`), clip: { x: Math.max(0, box.x - 10), y: top, width: box.width + 20, height: Math.min(height, (page.viewportSize()?.height ?? 1000) - top) } });
  }

  it('when Dry-run is clicked, then the card says Working at once and the result replaces it in place; a run card then goes from waiting for approval to failed with Retry to succeeded, in place', async () => {
    const page = w.browser!.page;
    await page.goto(w.playground!.url);
    await openChannel(page, 'SOC');
    const until = Date.now() + 30_000;
    while (Date.now() < until && (await w.rampart!.deps.installations.list(1, undefined, 'channel')).items.length === 0) await new Promise((r) => setTimeout(r, 200));
    assert.ok((await w.rampart!.deps.installations.list(1, undefined, 'channel')).items.length > 0, 'Rampart knows the SOC channel before the post');

    // 1. The proposal, then a dry run on a tenant incident that a slow Defender API makes take seconds.
    const thread = await postMention(page, REQUEST);
    const proposal = await waitForCard(thread, /Playbook proposal/, 90_000).catch((err: Error) => {
      throw new Error(`${err.message}\nRampart's log meanwhile:\n${w.logTail!()}`);
    });
    assert.ok((await simCall(w.sim!.info, 'POST', '/_sim/incidents', { body: defenderIncident(7000, { device: 'ws-lab-070.contoso.com' }) })).status < 300);
    assert.ok((await simCall(w.sim!.info, 'POST', '/_sim/faults', { body: { path: '/api/incidents/7000', method: 'GET', latencyMs: 8000, count: 5 } })).status < 300);
    await clickCardButton(proposal, 'Dry-run on another incident');
    await proposal.getByLabel('Incident id').fill('7000');
    const clickedAt = Date.now();
    await clickCardButton(proposal, /^Dry run$/);
    const working = await waitForCard(thread, /Working: dry run on incident 7000/, 10_000);
    const workingAfterMs = Date.now() - clickedAt;
    assert.ok(w.rampart!.deps.authoring!.background.size >= 1, 'the card shows Working while the dry run is still going (the invoke did not wait for it)');
    await shotTop(working, 'live-1-dry-run-working');
    assert.match(await working.innerText({ timeout: 2000 }), /This card updates in place when it is done/);
    const done = await waitForCard(thread, /Dry run repeated on incident 7000 by Alex Analyst/, 90_000);
    const doneText = await done.innerText();
    assert.doesNotMatch(doneText, /Working:/);
    assert.match(doneText, /Against incident 7000|incident 7000/);
    assert.equal(await thread.locator('.ac-adaptiveCard').filter({ hasText: /Playbook proposal/ }).count(), 1, 'the result replaced the card: still one proposal card in the thread');
    await shotTop(done, 'live-2-dry-run-done', 900);
    process.stdout.write(`      (the working card showed ${workingAfterMs} ms after the click)\n`);
    await simCall(w.sim!.info, 'DELETE', '/_sim/faults');

    // 2. Approve the playbook; an incident arrives whose device Defender refuses to isolate once.
    await clickCardButton(done, 'Approve');
    await waitForCard(thread, /Approved by .* version 1, enabled/, 30_000);
    const machineId = '5e'.repeat(20);
    const sha256 = '7'.repeat(64);
    const incident = defenderIncident(7001, { machineId, device: 'ws-fin-077.contoso.com', title: 'Ransomware behavior on ws-fin-077' });
    (incident.alerts as { entities: { sha256?: string }[] }[])[0].entities[0].sha256 = sha256;
    assert.ok((await simCall(w.sim!.info, 'POST', '/_sim/incidents', { body: incident })).status < 300);
    assert.ok((await simCall(w.sim!.info, 'PUT', '/_sim/virustotal', { body: { files: { [sha256]: { malicious: 48, suspicious: 2, undetected: 20, harmless: 0 } } } })).status < 300);
    assert.ok((await simCall(w.sim!.info, 'POST', '/_sim/faults', { body: { path: `/api/machines/${machineId}/isolate`, method: 'POST', status: 403, code: 'Forbidden', message: 'The app lacks Machine.Isolate for this device group', count: 1 } })).status < 300);
    assert.equal((await postIncident(w.rampart!.url, incident, SECRET)).status, 202);

    const incidentThread = threads(page).filter({ hasText: 'severity incident 7001' }).first();
    const runCard = () => incidentThread.locator('.ac-adaptiveCard').filter({ hasText: /Playbook run:/ });
    const waiting = await waitForCard(incidentThread, /Playbook run:[\s\S]*waiting for approval by/, 90_000);
    const waitingText = await waiting.innerText();
    assert.match(waitingText, /Isolate device · ws-fin-077\.contoso\.com/);
    assert.match(waitingText, /queued \d\d:\d\d:\d\d UTC/);
    await shot(waiting, 'live-3-run-waiting');

    const approval = await waitForCard(incidentThread, /Approval needed: Isolate device/, 30_000);
    await clickCardButton(approval, 'Approve');
    const failed = await waitForCard(incidentThread, /Playbook run:[\s\S]*finished with failures[\s\S]*failed: Forbidden: The app lacks Machine\.Isolate/, 60_000);
    const failedText = await failed.innerText();
    assert.match(failedText, /finished with failures/);
    assert.match(failedText, /Approved by Alex Analyst/);
    await failed.getByRole('button', { name: 'Retry' }).waitFor({ state: 'visible' });
    await shot(failed, 'live-4-run-failed-retry');

    await clickCardButton(failed, 'Retry');
    const succeeded = await waitForCard(incidentThread, /Playbook run:[\s\S]*Incident 7001 · succeeded[\s\S]*succeeded, approved by Alex Analyst/, 90_000);
    const succeededText = await succeeded.innerText();
    assert.match(succeededText, /Incident 7001 · succeeded/);
    assert.match(succeededText, /took \d+/);
    assert.equal(await succeeded.getByRole('button', { name: 'Retry' }).count(), 0, 'no Retry once it succeeded');
    assert.equal(await runCard().count(), 1, 'one run card, updated in place');
    await shot(succeeded, 'live-5-run-succeeded');
    await shot(page, 'live-6-incident-thread');

    const body = (await simCall(w.sim!.info, 'GET', '/_sim/calls')).body as { action: string | null; status: number; path: string }[] | { calls: { action: string | null; status: number; path: string }[] };
    const isolates = (Array.isArray(body) ? body : body.calls).filter((c) => c.action === 'isolate' && c.path.includes(machineId));
    assert.deepEqual(isolates.map((c) => c.status < 300), [false, true], 'refused once, then sent once');
  });
});
