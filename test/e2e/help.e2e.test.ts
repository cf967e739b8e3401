import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRampart, type RunningRampart } from '../../src/bootstrap';
import {
  chromiumMissingReason,
  openBrowser,
  openChannel,
  postMention,
  saveScreenshot,
  startPlayground,
  waitForCard,
  type PlaygroundBrowser,
  type RunningPlayground,
} from './playground';

describe('Rampart in the Agents Playground @e2e', function () {
  this.timeout(120_000);
  let rampart: RunningRampart | undefined;
  let playground: RunningPlayground | undefined;
  let browser: PlaygroundBrowser | undefined;
  let dataDir = '';

  before(async function () {
    const missing = chromiumMissingReason();
    if (missing) {
      process.stdout.write(`  skipping the Playground e2e tests: ${missing}\n`);
      this.skip();
    }
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-e2e-'));
    // No BOT_ID: the bot accepts the Playground's unauthenticated traffic, as in `npm start`.
    rampart = await startRampart({ port: 0, env: { RAMPART_LOCAL: 'true', DATA_DIR: dataDir, LOG_LEVEL: 'warn', BOT_ID: '', POLL_INTERVAL_SECONDS: '0' } });
    playground = await startPlayground({ botEndpoint: `${rampart.url}/api/messages` });
    browser = await openBrowser();
  });

  after(async () => {
    await browser?.close();
    await playground?.stop();
    await rampart?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('when an analyst @mentions Rampart with "help" in the SOC channel, then the welcome card renders in the thread', async () => {
    const page = browser!.page;
    await page.goto(playground!.url);
    await openChannel(page, 'SOC');

    const thread = await postMention(page, 'help');
    const card = await waitForCard(thread, 'Commands');
    const text = await card.innerText();
    assert.match(text, /Rampart/);
    assert.match(text, /playbooks/);
    // The card is in the analyst's thread, below the post, not a new top-level post.
    assert.match(await thread.innerText(), /Alex Analyst[\s\S]*help[\s\S]*Commands/);

    await thread.scrollIntoViewIfNeeded();
    const file = await saveScreenshot(page, 'playground-help');
    assert.ok(fs.statSync(file).size > 10_000, 'a real screenshot was written');
    await saveScreenshot(thread, 'playground-help-thread');
  });
});
