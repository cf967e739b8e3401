import type { Activity, Storage } from 'botbuilder';
import type { ThreadMessage } from '../../playbooks/planner/llm';

/**
 * What Rampart remembers about an authoring thread between turns: the playbook drafted in it
 * (so a follow-up edits that draft) and the question it is waiting on (so the next message is
 * the answer). Kept in the bot's SQLite-backed Storage, so it survives a restart.
 */

/** A clarifying question Rampart asked and is waiting on. */
export interface PendingQuestion {
  /** What the analyst asked for: a new request, or a change to the thread's draft. */
  kind: 'request' | 'edit';
  /** The analyst's words the question is about (the request, or the change). */
  text: string;
  question: string;
  /** The thread before the question, as the planner saw it. */
  history: ThreadMessage[];
  askedBy: { id: string; name: string };
  askedAt: string;
  /** For an edit: the version the change applies to. */
  editOf?: { playbookId: string; version: number };
  /** The request without the words Rampart could not read: an answer is planned together with it. */
  base?: string;
}

/** One authoring thread: a channel thread (conversation id with `;messageid=`) or a chat. */
export interface AuthoringThread {
  threadId: string;
  /** The playbook whose draft this thread discusses. */
  playbookId?: string;
  pending?: PendingQuestion;
}

/** Authoring threads, by thread id. */
export interface AuthoringThreadStore {
  get(threadId: string): Promise<AuthoringThread>;
  save(thread: AuthoringThread): Promise<void>;
}

const KEY_PREFIX = 'rampart/authoring-thread/';

/** Authoring threads in the botbuilder Storage (SQLite in Rampart): no extra table, same durability as turn state. */
export class StorageAuthoringThreadStore implements AuthoringThreadStore {
  constructor(private readonly storage: Storage) {}

  async get(threadId: string): Promise<AuthoringThread> {
    const key = KEY_PREFIX + threadId;
    const items = await this.storage.read([key]);
    const item = items[key] as (AuthoringThread & { eTag?: string }) | undefined;
    if (!item) return { threadId };
    return { threadId, playbookId: item.playbookId, pending: item.pending };
  }

  async save(thread: AuthoringThread): Promise<void> {
    // Last writer wins: one analyst's message per thread at a time is the normal case, and a
    // lost race only loses a pending question, never a playbook version.
    await this.storage.write({ [KEY_PREFIX + thread.threadId]: { playbookId: thread.playbookId, pending: thread.pending, eTag: '*' } });
  }
}

/**
 * The thread a message belongs to. In a channel, Teams puts the thread in the conversation id
 * (`19:...@thread.tacv2;messageid=<root>`); in personal and group chats the chat is the thread.
 */
export function threadIdOf(activity: Partial<Activity>): string {
  return activity.conversation?.id ?? 'unknown';
}
