import { CardFactory, TeamsInfo, type Activity, type ConversationReference, type TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { CloudAdapterBase } from 'botbuilder-core';
import type { InstallationStore } from '../storage/installations';
import type { StartedThread, TeamsSender, ThreadMessage, ThreadReference } from '../incidents/ports';
import { RetryLater } from '../incidents/outbox';
import { fitCard } from './messageSize';
import type { TeamsPacer } from '../incidents/teamsPacer';
import { isCardFrom, type GraphChannelMessages } from './channelMessages';


export interface TeamsThreadsOptions {
  adapter: CloudAdapterBase;
  botAppId: string;
  installations: InstallationStore;
  /** SOC_CHANNEL_ID; else the first team channel Rampart is installed in. */
  socChannelId?: string;
  pacer: TeamsPacer;
  /** Reading the channel through Graph (when Rampart has a Graph credential): how a post whose answer was lost is found. */
  channelMessages?: Pick<GraphChannelMessages, 'find'>;
}

/** The SOC channel as an installation recorded it. */
interface SocChannel {
  channelId: string;
  teamId?: string;
  reference: Partial<ConversationReference>;
}

function toActivity(message: ThreadMessage): Partial<Activity> {
  return {
    type: 'message',
    text: message.text,
    // A new thread goes through the connector directly, past the adapter's size middleware.
    attachments: message.card ? [CardFactory.adaptiveCard(fitCard(message.card))] : undefined,
  };
}

/**
 * The connector client retries a call that got no answer or a 5xx by itself (@azure/core-client's
 * retry policy): for a new thread, whose POST Teams may have acted on, that is a second thread.
 * New threads are retried by the outbox instead, which looks in the channel first. The adapter
 * builds a client per proactive call, so this changes that one call only.
 */
function withoutClientRetries(client: ConnectorClient): void {
  const pipeline = (client as unknown as { client?: { pipeline?: { removePolicy(options: { phase: 'Retry' }): unknown } } }).client?.pipeline;
  pipeline?.removePolicy({ phase: 'Retry' });
}

/** A new thread in the SOC channel: where replies to it go. */
function threadIn(channel: SocChannel, conversationId: string, rootActivityId: string | undefined): StartedThread {
  const reference: ThreadReference = {
    ...channel.reference,
    activityId: undefined,
    conversation: { ...(channel.reference.conversation as ConversationReference['conversation']), id: conversationId },
  };
  return { channelId: channel.channelId, conversationId, rootActivityId, reference };
}

/** The HTTP status of a connector error (429, 5xx), when it has one. */
function statusOf(err: unknown): number | undefined {
  const e = err as { statusCode?: number; response?: { status?: number } };
  return e.statusCode ?? e.response?.status;
}

function retryAfterMs(err: unknown): number {
  const headers = (err as { response?: { headers?: { get?: (n: string) => string | undefined } } }).response?.headers;
  const value = Number(headers?.get?.('retry-after'));
  return Number.isFinite(value) && value > 0 ? Math.min(value * 1000, 300_000) : 0;
}

/**
 * Posts into the SOC channel through the Bot Framework connector: a new thread per incident,
 * replies in it, cards updated in place. Every failed send reaches the outbox as an error;
 * throttling and outages become a RetryLater it retries with backoff until Teams recovers.
 */
export class TeamsThreads implements TeamsSender {
  /** Team id (19:...) -> its Microsoft 365 group id, the team's id in Graph. */
  private readonly groupIds = new Map<string, string>();

  constructor(private readonly options: TeamsThreadsOptions) {}

  /** The SOC channel's stored reference, or undefined while Rampart is not installed there. */
  async socChannel(): Promise<SocChannel | undefined> {
    const { installations, socChannelId } = this.options;
    const found = socChannelId ? await installations.get(socChannelId) : (await installations.list(1, undefined, 'channel')).items[0];
    return found ? { channelId: found.conversationId, teamId: found.teamId, reference: found.reference } : undefined;
  }

  /** Posts `message` as a new thread in the SOC channel. */
  async startThread(message: ThreadMessage): Promise<StartedThread> {
    const channel = await this.socChannel();
    if (!channel) {
      throw new RetryLater('Rampart is not installed in the SOC channel yet (set SOC_CHANNEL_ID or add Rampart to a team channel)', 10_000, true, false, true);
    }
    await this.options.pacer.acquire(`create:${channel.channelId}`);
    const started = await this.send(channel.reference, async (ctx: TurnContext) => {
      const client = ctx.turnState.get<ConnectorClient>(this.options.adapter.ConnectorClientKey);
      withoutClientRetries(client);
      const tenantId = channel.reference.conversation?.tenantId;
      const result = await client.conversations.createConversation({
        isGroup: true,
        bot: channel.reference.bot as ConversationReference['bot'],
        channelData: { channel: { id: channel.channelId }, ...(tenantId ? { tenant: { id: tenantId } } : {}) },
        tenantId,
        activity: toActivity(message) as Activity,
        members: [],
      });
      const rootActivityId = result.activityId ?? /;messageid=(.+)$/.exec(result.id)?.[1];
      // Teams answers `<channel>;messageid=<root>`; a connector that answers the bare channel id gets the suffix added.
      const conversationId = result.id === channel.channelId && rootActivityId ? `${channel.channelId};messageid=${rootActivityId}` : result.id;
      return threadIn(channel, conversationId, rootActivityId);
    });
    return started;
  }

  /**
   * A thread Rampart started in the SOC channel since `since` whose card carries `marker`, read
   * through Graph (the connector cannot list a channel). "unavailable" without Graph, or when
   * the team's Graph id or its messages are refused to Rampart.
   */
  async findThread(marker: string, since: Date): Promise<StartedThread | undefined | 'unavailable'> {
    const lookup = this.options.channelMessages;
    if (!lookup) return 'unavailable';
    const channel = await this.socChannel();
    // Not installed in the channel: nothing can have been posted there.
    if (!channel) return undefined;
    const groupId = await this.teamGroupId(channel);
    // Teams names the bot `28:<app id>`; Graph names the app by its id alone.
    const appId = this.options.botAppId || (channel.reference.bot?.id ?? '').replace(/^28:/, '');
    if (!groupId || !appId) return 'unavailable';
    const found = await lookup.find(groupId, channel.channelId, since, (m) => isCardFrom(m, appId, marker));
    if (found === undefined || found === 'unavailable') return found;
    return threadIn(channel, `${channel.channelId};messageid=${found.id}`, found.id);
  }

  /** The team's id in Graph (its Microsoft 365 group), from the team's details in Teams; undefined when Teams will not say. */
  private async teamGroupId(channel: SocChannel): Promise<string | undefined> {
    if (!channel.teamId) return undefined;
    const known = this.groupIds.get(channel.teamId);
    if (known) return known;
    const teamId = channel.teamId;
    try {
      const details = await this.send(channel.reference, (ctx) => TeamsInfo.getTeamDetails(ctx, teamId));
      if (details.aadGroupId) this.groupIds.set(teamId, details.aadGroupId);
      return details.aadGroupId;
    } catch (err) {
      const status = statusOf(err);
      if (status === 403 || status === 404) return undefined;
      throw err;
    }
  }

  /** Replies in a thread; returns the new activity's id (a send Teams did not confirm with an id throws). */
  async reply(reference: ThreadReference, message: ThreadMessage): Promise<string> {
    await this.options.pacer.acquire(reference.conversation?.id ?? 'unknown');
    return this.send(reference, async (ctx) => {
      const res = await ctx.sendActivity(toActivity(message));
      if (!res?.id) throw new RetryLater('Teams did not confirm the message with an id', 2000);
      return res.id;
    });
  }

  /** Replaces a posted card in place (the summary card, an approval card after a decision). */
  async update(reference: ThreadReference, activityId: string, message: ThreadMessage): Promise<void> {
    await this.options.pacer.acquire(reference.conversation?.id ?? 'unknown');
    await this.send(reference, async (ctx) => {
      await ctx.updateActivity({ ...toActivity(message), id: activityId, conversation: reference.conversation as ConversationReference['conversation'] });
    });
  }

  /**
   * One proactive call. The error is caught inside the turn and rethrown after it: otherwise the
   * adapter hands it to the app's turn error handler, which logs it and returns normally, and the
   * outbox would mark a failed send done. Throttling and outages become RetryLater with backoff.
   */
  private async send<T>(reference: ThreadReference, call: (ctx: TurnContext) => Promise<T>): Promise<T> {
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    try {
      await this.options.adapter.continueConversationAsync(this.options.botAppId, reference as Partial<ConversationReference>, async (ctx) => {
        try {
          outcome = { ok: true, value: await call(ctx) };
        } catch (error) {
          outcome = { ok: false, error };
        }
      });
    } catch (error) {
      outcome = { ok: false, error };
    }
    if (!outcome) throw new RetryLater('the Teams call did not run', 2000);
    if (outcome.ok) return outcome.value;
    throw this.retryable(outcome.error);
  }

  /** 429 and 5xx (and a connector that cannot be reached) are Teams' bad day, not the message's: retried without limit. */
  private retryable(err: unknown): unknown {
    if (err instanceof RetryLater) return err;
    const status = statusOf(err);
    if (status === 429 || (status !== undefined && status >= 500)) {
      const wait = retryAfterMs(err);
      if (status === 429) this.options.pacer.pause(wait);
      // Throttled, Teams did not post; after a 5xx it may have (a gateway timing out on a post that lands).
      return new RetryLater(`Teams answered ${status}; retrying in ${Math.round(wait / 1000)} s`, wait, true, true, status === 429);
    }
    const code = (err as { code?: string }).code;
    if (status === undefined && code && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|ENOTFOUND|EPIPE|UND_ERR_\w+)$/.test(code)) {
      // A refused connection or an unknown host sent nothing; a reset or a timeout may have.
      return new RetryLater(`Teams could not be reached (${code})`, 2000, true, true, /^(ECONNREFUSED|EAI_AGAIN|ENOTFOUND)$/.test(code));
    }
    return err;
  }
}
