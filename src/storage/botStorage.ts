import type { Storage, StoreItems } from 'botbuilder';
import type { Db } from './database';
import { AppError } from '../errors';

/**
 * A botbuilder `Storage` on SQLite or PostgreSQL: the turn state teams-ai keeps per
 * conversation and user. Honours eTags the way botbuilder's own stores do: a write with a
 * stale eTag fails, `*` or no eTag overwrites. The check and the write are one conditional
 * statement, so two instances writing the same conversation cannot both win.
 */
export class SqlBotStorage implements Storage {
  constructor(private readonly db: Db) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    const rows = await this.db.q().selectFrom('bot_state').select(['key', 'value', 'etag']).where('key', 'in', keys).execute();
    for (const row of rows) items[row.key] = { ...(JSON.parse(row.value) as Record<string, unknown>), eTag: String(row.etag) };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await this.db.atomically(async () => {
      for (const [key, item] of Object.entries(changes)) {
        const { eTag, ...rest } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
        const value = JSON.stringify(rest);
        const now = new Date().toISOString();
        if (eTag && eTag !== '*') {
          const expected = Number(eTag);
          const updated = await this.db
            .q()
            .updateTable('bot_state')
            .set((eb) => ({ value, etag: eb('etag', '+', 1), updated_at: now }))
            .where('key', '=', key)
            .where('etag', '=', Number.isFinite(expected) ? expected : -1)
            .executeTakeFirst();
          if (Number(updated.numUpdatedRows) === 1) continue;
          const exists = await this.db.q().selectFrom('bot_state').select('etag').where('key', '=', key).executeTakeFirst();
          if (exists) {
            throw new AppError('StorageConflict', 'Someone else changed this conversation at the same moment; try again.', { httpStatus: 409, detail: `Storage: error writing "${key}" due to eTag conflict.` });
          }
        }
        await this.db
          .q()
          .insertInto('bot_state')
          .values({ key, value, etag: 1, updated_at: now })
          .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value, etag: eb('bot_state.etag', '+', 1), updated_at: now })))
          .execute();
      }
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.q().deleteFrom('bot_state').where('key', 'in', keys).execute();
  }
}
