import { AppError } from '../errors';

/** A root message of a channel as Microsoft Graph returns it (the subset Rampart reads). */
export interface ChannelMessage {
  id: string;
  from?: { application?: { id?: string } | null } | null;
  /** Adaptive Cards arrive with `content` as the card's JSON text. */
  attachments?: { contentType?: string | null; content?: string | null }[] | null;
}

/** Graph pages hold at most 50 messages; a lookup reads at most this many pages. */
const MAX_PAGES = 40;

/**
 * The root messages of a team channel through Microsoft Graph
 * `GET /teams/{team}/channels/{channel}/messages/delta?$filter=lastModifiedDateTime gt ...`
 * (application permission ChannelMessage.Read.Group, granted by resource-specific consent in the
 * app manifest, or ChannelMessage.Read.All). Rampart reads it only to find a post of its own
 * whose answer was lost.
 */
export class GraphChannelMessages {
  constructor(
    private readonly graphApiBase: string,
    private readonly getToken: () => Promise<string>,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /**
   * The first root message created or changed after `since` that `match` accepts; undefined
   * when none does; "unavailable" when Graph refuses Rampart the channel (403 / 404: the
   * permission is not granted or the team is not known to it). Other failures throw.
   */
  async find(teamGroupId: string, channelId: string, since: Date, match: (m: ChannelMessage) => boolean): Promise<ChannelMessage | undefined | 'unavailable'> {
    const base = this.graphApiBase.replace(/\/$/, '');
    const filter = encodeURIComponent(`lastModifiedDateTime gt ${since.toISOString()}`);
    let url: string | undefined = `${base}/v1.0/teams/${encodeURIComponent(teamGroupId)}/channels/${encodeURIComponent(channelId)}/messages/delta?$filter=${filter}&$top=50`;
    for (let page = 0; url && page < MAX_PAGES; page++) {
      // The token goes only to Graph itself, never to a host a page link names.
      if (new URL(url).origin !== new URL(base).origin) throw unavailable(`Graph named a next page on another host (${new URL(url).origin})`);
      const res = await this.fetchImpl(url, { headers: { Authorization: `Bearer ${await this.getToken()}` }, signal: AbortSignal.timeout(15_000) });
      if (res.status === 403 || res.status === 404) return 'unavailable';
      if (!res.ok) throw unavailable(`Graph channel messages answered ${res.status}`);
      const body = (await res.json()) as { value?: ChannelMessage[]; '@odata.nextLink'?: string };
      const hit = (body.value ?? []).find(match);
      if (hit) return hit;
      url = body['@odata.nextLink'];
    }
    if (url) throw unavailable(`more than ${MAX_PAGES * 50} channel messages since ${since.toISOString()}`);
    return undefined;
  }
}

function unavailable(detail: string): AppError {
  return new AppError('GraphUnavailable', 'Rampart could not read the SOC channel; it tries again shortly.', { httpStatus: 503, detail });
}

/** True when the message is from the app `appId` and carries an Adaptive Card whose body has an element with id `marker`. */
export function isCardFrom(message: ChannelMessage, appId: string, marker: string): boolean {
  if (!appId || message.from?.application?.id !== appId) return false;
  return (message.attachments ?? []).some((a) => {
    if (typeof a.content !== 'string') return false;
    try {
      const card = JSON.parse(a.content) as { body?: { id?: unknown }[] };
      return Array.isArray(card.body) && card.body.some((e) => e?.id === marker);
    } catch {
      return false;
    }
  });
}
