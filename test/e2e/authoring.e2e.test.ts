import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The Playground end-to-end of the playbook lifecycle (@e2e): the seed request typed in the SOC channel,
 * the proposal card, Approve (the local configuration relaxes the two-person rule, so the one
 * Playground user may approve), the updated card. Screenshots go to test-artifacts/.
 * Uses test/e2e/playground.ts (the shared Playground driver) when it is there.
 */

const REQUEST =
  'Isolate the machine if a critical severity alert from Microsoft Defender for Endpoint involves a known malicious IOC, and post the details to a Teams channel.';
const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');

/** The parts of the shared Playground driver this test uses. */
interface PlaygroundSession {
  mention(text: string): Promise<void>;
  waitForCard(match: RegExp, timeoutMs?: number): Promise<string>;
  clickCardButton(title: string): Promise<void>;
  screenshot(file: string): Promise<void>;
  stop(): Promise<void>;
}
type StartPlayground = (options: { env?: Record<string, string>; channel?: string }) => Promise<PlaygroundSession>;

function loadDriver(): StartPlayground | undefined {
  const file = path.join(__dirname, 'playground.ts');
  if (!fs.existsSync(file)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as { startPlayground?: StartPlayground };
  return mod.startPlayground;
}

describe('@e2e authoring in the Playground', function () {
  this.timeout(240_000);
  let session: PlaygroundSession | undefined;

  before(function () {
    if (!loadDriver()) this.skip();
  });
  after(async () => session?.stop());

  it('when the seed request is typed in the SOC channel, then a proposal card appears, Approve updates it with who approved, and playbooks lists it enabled', async () => {
    const start = loadDriver()!;
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    session = await start({ env: { ALLOW_SELF_APPROVAL: 'true' }, channel: 'SOC' });
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
