import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('layers', () => {
  it('when src/incidents is read, then no file imports botbuilder or restify (Teams goes through the TeamsSender port) and none holds SQL outside the stores', () => {
    const stores = new Set(['store.ts', 'approvals.ts', 'outbox.ts', 'runStore.ts']);
    for (const file of sources('src/incidents')) {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      assert.doesNotMatch(text, /from '(botbuilder[^']*|restify|botframework-[^']*)'/, `${file} imports the Teams or HTTP layer`);
      if (!stores.has(path.basename(file))) assert.doesNotMatch(text, /\.prepare\(|\b(SELECT|INSERT|UPDATE|DELETE)\s+(\*|[a-z_]+\s+(FROM|INTO|SET)|FROM)\b/, `${file} holds SQL`);
    }
  });
});
