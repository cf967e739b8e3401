import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startPlayground, type PlaygroundSession } from './playground';

/**
 * The Playground end-to-end of the playbook lifecycle (@e2e): the seed request typed in the SOC channel,
 * the proposal card, Approve (the local configuration relaxes the two-person rule, so the one
 * Playground user may approve), the updated card. Screenshots go to test-artifacts/.
 * Drives the Playground through test/e2e/playground.ts.
 */

const REQUEST =
  'Isolate the machine if a critical severity alert from Microsoft Defender for Endpoint involves a known malicious IOC, and post the details to a Teams channel.';
const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');

describe('@e2e authoring in the Playground', function () {
  this.timeout(240_000);
  let session: PlaygroundSession | undefined;

  after(async () => session?.stop());

  it('when the seed request is typed in the SOC channel, then a proposal card appears, Approve updates it with who approved, and playbooks lists it enabled', async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    session = await startPlayground({ env: { ALLOW_SELF_APPROVAL: 'true' }, channel: 'SOC' });
    await session.mention(REQUEST);
    const proposal = await session.waitForCard(/Playbook proposal/, 60_000);
    assert.match(proposal, /What Rampart understood/);
    assert.match(proposal, /Dry-run preview/);
    assert.match(proposal, /two-person rule is relaxed/);
    await session.screenshot(path.join(ARTIFACTS, 'authoring-1-proposal.png'));
    await session.clickCardButton('Approve');
    const approved = await session.waitForCard(/Approved by .* version 1, enabled/, 30_000);
    assert.match(approved, /self-approved/);
    await session.screenshot(path.join(ARTIFACTS, 'authoring-2-approved.png'));
    await session.mention('playbooks');
    const library = await session.waitForCard(/Playbook library/, 30_000);
    assert.match(library, /enabled/);
    await session.screenshot(path.join(ARTIFACTS, 'authoring-3-library.png'));
  });
});
