import assert from 'node:assert/strict';
import fs from 'node:fs';
import { openChannel, postMention, saveScreenshot, startPlaygroundWorld, stopPlaygroundWorld, waitForCard, type PlaygroundWorld } from './playground';

describe('Rampart in the Agents Playground @e2e', function () {
  this.timeout(120_000);
  const w: Partial<PlaygroundWorld> = {};

  before(async function () {
    await startPlaygroundWorld(this, { name: 'rampart-e2e' }, w);
  });

  after(() => stopPlaygroundWorld(w));

  it('when an analyst @mentions Rampart with "help" in the SOC channel, then the welcome card renders in the thread', async () => {
    const page = w.browser!.page;
    await page.goto(w.playground!.url);
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
