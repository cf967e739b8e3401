import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('layers', () => {
  it('when src/incidents is read, then no file imports botbuilder or restify (Teams goes through the TeamsSender port)', () => {
    for (const file of sources('src/incidents')) {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      assert.doesNotMatch(text, /from '(botbuilder[^']*|restify|botframework-[^']*)'/, `${file} imports the Teams or HTTP layer`);
    }
  });

  it('when src/ outside src/storage is read, then no file holds SQL (every query lives in storage/)', () => {
    const files = sources('src').filter((f) => !f.startsWith(`src${path.sep}storage${path.sep}`));
    assert.ok(files.some((f) => f.includes(`${path.sep}incidents${path.sep}`)), 'src/incidents was scanned');
    for (const file of files) {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      assert.doesNotMatch(text, /\.prepare\(\s*['"`]|\.(selectFrom|insertInto|updateTable|deleteFrom)\(|\b(SELECT|INSERT|UPDATE|DELETE)\s+(\*|[a-z_]+\s+(FROM|INTO|SET)|FROM)\b/, `${file} holds SQL`);
    }
  });
});
