import assert from 'node:assert/strict';
import { call as simCall } from '../simulator/simHttp';
import { simCalls, type SimCall } from '../incidents/helpers';
import { clickCardButton, openChannel, saveScreenshot, startPlaygroundWorld, stopPlaygroundWorld, threads, waitForCard, type PlaygroundWorld } from './playground';

/**
 * The Playground end-to-end of the incident lifecycle (@e2e): the simulator's demo mode creates an incident,
 * the poller brings it in, the notification appears as a new thread in the SOC channel, the
 * analyst clicks Isolate, approves on the approval card (the local configuration relaxes the
 * two-person rule, so the one Playground user may approve), the thread says the isolation
 * succeeded, and the simulator received exactly one isolate. Screenshots go to test-artifacts/.
 */

describe('incidents in the Agents Playground @e2e', function () {
  this.timeout(240_000);
  const w: Partial<PlaygroundWorld> = {};

  before(async function () {
    // As `npm start` wires it (src/commands/dev.ts): the bot on the simulator, the poller on, self-approval allowed.
    await startPlaygroundWorld(this, { name: 'rampart-e2e-incidents', simulator: true, env: { POLL_INTERVAL_SECONDS: '1' } }, w);
  });

  after(() => stopPlaygroundWorld(w));

  const isolateCalls = (): Promise<SimCall[]> => simCalls(w.sim!.info, 'isolate');

  it('when the simulator creates an incident, then its notification appears in the SOC channel, Isolate plus Approve isolates the device once, and the thread says so', async () => {
    const page = w.browser!.page;
    await page.goto(w.playground!.url);
    await openChannel(page, 'SOC');
    // Opening the channel installs Rampart there (conversationUpdate): that is where notifications go.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && (await w.rampart!.deps.installations.list(1, undefined, 'channel')).items.length === 0) await new Promise((r) => setTimeout(r, 200));
    assert.ok((await w.rampart!.deps.installations.list(1, undefined, 'channel')).items.length > 0, 'Rampart knows the SOC channel');

    // Demo mode: a new incident every 2 s until one with a device to isolate has been notified.
    assert.equal((await simCall(w.sim!.info, 'POST', '/_sim/demo', { body: { everySeconds: 2 } })).status, 200);
    const isolateButton = page.getByRole('button', { name: /^Isolate / }).first();
    try {
      await isolateButton.waitFor({ state: 'visible', timeout: 90_000 });
    } finally {
      await simCall(w.sim!.info, 'POST', '/_sim/demo', { body: { everySeconds: 0 } });
    }
    const firstCard = threads(page).filter({ has: isolateButton }).first().locator('.ac-adaptiveCard').first();
    const incidentId = /severity incident (\d+)/.exec(await firstCard.innerText())?.[1];
    assert.ok(incidentId, 'the card names the incident');
    // The notification card changes when Isolate is clicked (its button goes): find the thread by the incident id.
    const thread = threads(page).filter({ hasText: `severity incident ${incidentId}` }).first();
    const notification = await waitForCard(thread, `severity incident ${incidentId}`);
    const notificationText = await notification.innerText();
    assert.match(notificationText, /Devices/);
    assert.match(notificationText, /Open in Defender|Assign to me/);
    await saveScreenshot(page, 'incidents-1-notification');

    const buttonTitle = (await notification.getByRole('button', { name: /^Isolate / }).first().innerText()).trim();
    await clickCardButton(notification, buttonTitle);
    const approvalCard = await waitForCard(thread, /Approval needed: Isolate device/, 30_000).catch(async (err: Error) => {
      await saveScreenshot(page, 'incidents-failed-approval');
      throw err;
    });
    const approvalText = await approvalCard.innerText();
    assert.match(approvalText, /Machine id/);
    assert.match(approvalText, /Last seen/);
    assert.match(approvalText, /Expires/);
    await saveScreenshot(page, 'incidents-2-approval');

    await clickCardButton(approvalCard, 'Approve');
    const result = thread.getByText(/isolated, approved by Alex Analyst/).first();
    await result.waitFor({ state: 'visible', timeout: 60_000 });
    await thread.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'incidents-3-isolated');

    const isolates = await isolateCalls();
    assert.equal(isolates.length, 1, 'exactly one isolate call reached the simulator');
    assert.ok(isolates[0].status < 300, `the isolate succeeded (${isolates[0].status})`);
    const approvals = (await w.rampart!.deps.incidents!.approvals.forIncident(incidentId));
    assert.equal(approvals.length, 1);
    assert.equal(approvals[0].status, 'succeeded');
  });
});
