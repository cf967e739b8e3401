/**
 * Every Adaptive Card a test makes Rampart send (through the TestAdapter harness, the mock
 * Bot Framework connector, or an invoke response) is checked against the official Adaptive
 * Cards parser (test/cards/adaptiveCards.ts). Problems are collected here and a root
 * `afterEach` hook (this file is loaded with mocha's `--require`) fails the test that
 * produced them, so no test can send a card the parser rejects.
 */
import { adaptiveCardProblems } from '../cards/adaptiveCards';

const CARD = 'application/vnd.microsoft.card.adaptive';
const found: string[] = [];
let checked = 0;

function auditCard(card: unknown, where: string): void {
  checked++;
  const problems = adaptiveCardProblems(card);
  if (problems.length > 0) found.push(`${where}:\n    ${problems.join('\n    ')}`);
}

/** Checks the cards in an activity (attachments, or an Action.Execute invoke response). */
export function auditActivityCards(activity: unknown, where: string): void {
  if (!activity || typeof activity !== 'object') return;
  const a = activity as { attachments?: { contentType?: string; content?: unknown }[]; type?: string; value?: unknown };
  for (const attachment of a.attachments ?? []) {
    if (attachment.contentType === CARD) auditCard(attachment.content, where);
  }
  if (a.type === 'invokeResponse') {
    const body = (a.value as { body?: { type?: string; value?: unknown } } | undefined)?.body;
    if (body?.type === CARD) auditCard(body.value, `${where} (invoke response)`);
  }
}

/** How many cards were checked so far in this process (lets a test prove the audit runs). */
export function auditedCardCount(): number {
  return checked;
}

/** Takes the problems found so far (and forgets them). */
export function takeCardProblems(): string[] {
  return found.splice(0);
}

export const mochaHooks = {
  afterEach(this: Mocha.Context): void {
    const problems = takeCardProblems();
    if (problems.length > 0) throw new Error(`cards sent during this test fail the Adaptive Cards parser:\n  ${problems.join('\n  ')}`);
  },
};
