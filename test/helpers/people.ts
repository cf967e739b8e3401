/** The people the incident tests click as, and how they find an approval card's id. */

/** The analyst who asks for an action. */
export const ALEX = { id: 'user-alex', name: 'Alex Analyst', aadObjectId: 'aad-alex' };
/** The second person, who approves it. */
export const SAM = { id: 'user-sam', name: 'Sam Second', aadObjectId: 'aad-sam' };

/** A person as a Teams activity names them. */
export type Person = { id: string; name: string; aadObjectId?: string };

/** The approval id an approval card (as JSON text) carries in its buttons, if any. */
export function approvalIdIn(cardJson: string): string | undefined {
  return /"approvalId":"(apr-[0-9a-f]+)"/.exec(cardJson)?.[1];
}
