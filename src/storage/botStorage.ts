import type { Storage, StoreItems } from 'botbuilder';
import type { SqliteDatabase } from './database';
import { AppError } from '../errors';

/**
 * A botbuilder `Storage` on SQLite: the turn state teams-ai keeps per conversation and user.
 * Honours eTags the way botbuilder's own stores do: a write with a stale eTag fails, `*` or
 * no eTag overwrites.
 */
export class SqliteBotStorage implements Storage {
  constructor(private readonly db: SqliteDatabase) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    const select = this.db.prepare('SELECT value, etag FROM bot_state WHERE key = ?');
    for (const key of keys) {
      const row = select.get(key) as { value: string; etag: number } | undefined;
      if (row) items[key] = { ...(JSON.parse(row.value) as Record<string, unknown>), eTag: String(row.etag) };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const select = this.db.prepare('SELECT etag FROM bot_state WHERE key = ?');
    const upsert = this.db.prepare(
      `INSERT INTO bot_state (key, value, etag, updated_at) VALUES (@key, @value, 1, @now)
       ON CONFLICT(key) DO UPDATE SET value = @value, etag = bot_state.etag + 1, updated_at = @now`,
    );
    this.db.transaction(() => {
      for (const [key, item] of Object.entries(changes)) {
        const { eTag, ...value } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
        const row = select.get(key) as { etag: number } | undefined;
        if (row && eTag && eTag !== '*' && eTag !== String(row.etag)) {
          throw new AppError('StorageConflict', 'Someone else changed this conversation at the same moment; try again.', { httpStatus: 409, detail: `Storage: error writing "${key}" due to eTag conflict.` });
        }
        upsert.run({ key, value: JSON.stringify(value), now: new Date().toISOString() });
      }
    })();
  }

  async delete(keys: string[]): Promise<void> {
    const del = this.db.prepare('DELETE FROM bot_state WHERE key = ?');
    this.db.transaction(() => keys.forEach((k) => del.run(k)))();
  }
}
