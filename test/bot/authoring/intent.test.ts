import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { NEW_REQUEST_VERB } from '../../../src/cards/proposal';
import { COMMANDS } from '../../../src/cards/welcome';
import { ALEX, ISOLATE_REQUEST, buildBot, cardOf, type Harness } from './harness';

/**
 * In a personal chat (or a thread) that already has a draft, a message can be a change to the
 * draft or a separate playbook. "new request:" / "edit:" and the card's New request button say
 * which; without them Rampart guesses, and the card says how it read the message.
 */

const CHAT = { id: 'a:personal-chat-alex', conversationType: 'personal', isGroup: false, name: '' };

async function sayInChat(h: Harness, text: string): Promise<Partial<Activity>[]> {
  h.adapter.activeQueue.splice(0);
  await h.adapter.send({ type: 'message', text, from: ALEX, conversation: CHAT });
  return h.adapter.activeQueue.splice(0);
}

function cardText(replies: Partial<Activity>[]): string {
  return JSON.stringify(cardOf(replies.find((a) => a.attachments?.length)));
}

function messages(replies: Partial<Activity>[]): string {
  return replies.filter((a) => a.type === 'message' && a.text).map((a) => a.text).join('\n');
}

/** A request that names its own trigger: the guess reads it as a new playbook. */
const OWN_TRIGGER = 'Block the file hash when a high severity alert from Defender for Endpoint has a malicious file.';

describe('authoring: new request or edit, said explicitly in a personal chat', () => {
  it('when "edit:" precedes words that name their own trigger, then the draft gets a new version instead of a new playbook', async () => {
    const h = buildBot();
    await sayInChat(h, ISOLATE_REQUEST);
    const replies = await sayInChat(h, `edit: ${OWN_TRIGGER}`);
    const list = await h.deps.library!.list();
    assert.equal(list.length, 1, 'no second playbook');
    assert.equal(list[0].latestVersion, 2);
    assert.match(cardText(replies), /version 2/);
    assert.doesNotMatch(cardText(replies), /Read as/, 'an explicit edit needs no note about the guess');
  });

  it('when the same words come without "edit:", then the guess makes a new playbook and the card says how to make it an edit instead', async () => {
    const h = buildBot();
    await sayInChat(h, ISOLATE_REQUEST);
    const replies = await sayInChat(h, OWN_TRIGGER);
    assert.equal((await h.deps.library!.list()).length, 2);
    assert.match(cardText(replies), /Read as a new request, separate from [\w-]+ \(it names its own trigger\)\. Meant a change to [\w-]+\? Start your message with “edit:”/);
  });

  it('when a follow-up is guessed to be a change, then the new version says so and offers New request', async () => {
    const h = buildBot();
    await sayInChat(h, ISOLATE_REQUEST);
    const replies = await sayInChat(h, 'also run it hourly');
    const card = cardText(replies);
    assert.match(card, /Read as a change to version 1\. Meant a separate playbook\? Use New request below/);
    assert.match(card, /"title":"New request"/);
    assert.match(card, new RegExp(`"verb":"${NEW_REQUEST_VERB.replace(/\./g, '\\.')}"`));
  });

  it('when "new request:" is said in a chat with a draft, then a separate playbook is proposed and the draft is untouched', async () => {
    const h = buildBot();
    await sayInChat(h, ISOLATE_REQUEST);
    await sayInChat(h, 'new request: also run it hourly');
    const list = await h.deps.library!.list();
    assert.equal(list.length, 2);
    assert.ok(list.every((p) => p.latestVersion === 1));
  });

  it('when the New request button is used on a proposal card, then its text becomes a separate playbook even though it reads like an edit', async () => {
    const h = buildBot();
    const first = await sayInChat(h, ISOLATE_REQUEST);
    assert.match(cardText(first), /"title":"New request"/);
    h.adapter.activeQueue.splice(0);
    await h.adapter.send({ type: 'message', from: ALEX, conversation: CHAT, value: { verb: NEW_REQUEST_VERB, request: 'also block the hash' } });
    const replies = h.adapter.activeQueue.splice(0);
    const list = await h.deps.library!.list();
    assert.equal(list.length, 2, 'a separate playbook');
    assert.ok(list.every((p) => p.latestVersion === 1), 'the first draft has no new version');
    assert.match(cardText(replies), /version 1/);
    assert.equal(h.engine.proposals.at(-1), 'also block the hash');
  });

  it('when "edit" is picked from the command menu (no colon), then it is an edit too', async () => {
    const h = buildBot();
    await sayInChat(h, ISOLATE_REQUEST);
    await sayInChat(h, `edit ${OWN_TRIGGER}`);
    const list = await h.deps.library!.list();
    assert.equal(list.length, 1);
    assert.equal(list[0].latestVersion, 2);
  });

  it('when "edit:" comes where there is no draft, then Rampart says so and plans nothing', async () => {
    const h = buildBot();
    const replies = await sayInChat(h, 'edit: also block the hash');
    assert.match(messages(replies), /There is no playbook draft in this conversation to edit/);
    assert.equal((await h.deps.library!.list()).length, 0);
    assert.equal(h.engine.proposals.length, 0);
  });

  it('when help is asked for, then both commands are listed', () => {
    const names = COMMANDS.map(([c]) => c);
    assert.ok(names.includes('new request: REQUEST') && names.includes('edit: CHANGE'));
  });
});
