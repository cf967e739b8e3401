import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { decodePng } from './png';

const root = path.resolve(__dirname, '..', '..');
const appPackage = path.join(root, 'appPackage');
const manifestText = fs.readFileSync(path.join(appPackage, 'manifest.json'), 'utf8');

/** Sample values the toolkit would substitute for the manifest's ${{...}} placeholders. */
const SAMPLE_ENV: Record<string, string> = {
  TEAMS_APP_ID: '5d4c6a1e-3b2f-4e8a-9c7d-1f2e3a4b5c6d',
  BOT_ID: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
  BOT_DOMAIN: 'rampart-dev.azurewebsites.net',
  CLIENT_ID: '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d',
  APP_NAME_SUFFIX: '-dev',
};

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g)].map((m) => m[1]))];
}

function substitute(text: string, env: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g, (_, name: string) => {
    if (!(name in env)) throw new Error(`no sample value for placeholder ${name}`);
    return env[name];
  });
}

/** Compiles the vendored official schema (draft-04) with Ajv 8. */
function compileTeamsSchema(): ReturnType<Ajv['compile']> {
  const schema = JSON.parse(fs.readFileSync(path.join(appPackage, 'schema', 'MicrosoftTeams.schema.json'), 'utf8')) as Record<string, unknown>;
  // Ajv 8 has no draft-04 meta-schema; this schema uses no draft-04-only keyword (no `id`, no
  // boolean exclusiveMinimum/Maximum), so it validates identically under Ajv's default draft.
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('Teams app package (appPackage/)', () => {
  const validate = compileTeamsSchema();
  const manifest = JSON.parse(substitute(manifestText, SAMPLE_ENV)) as {
    manifestVersion: string;
    $schema: string;
    id: string;
    icons: { color: string; outline: string };
    bots: { botId: string; scopes: string[]; supportsFiles: boolean; commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[] }[];
  };

  it('when the placeholders are filled with sample values, then the manifest validates against the official Teams schema', () => {
    const valid = validate(manifest);
    assert.equal(valid, true, JSON.stringify(validate.errors, null, 2));
    assert.match(manifest.$schema, new RegExp(`/v${manifest.manifestVersion.replace('.', '\\.')}/MicrosoftTeams\\.schema\\.json$`));
    assert.ok(Number(manifest.manifestVersion.split('.')[1]) >= 17, 'manifest schema 1.17 or later');
  });

  it('when the schema sees a broken manifest, then it rejects it (the validator really validates)', () => {
    const broken = JSON.parse(JSON.stringify(manifest)) as { bots: { scopes: string[] }[]; id: string };
    broken.bots[0].scopes = ['everywhere'];
    broken.id = 'not-a-guid';
    assert.equal(validate(broken), false);
    const paths = (validate.errors ?? []).map((e) => e.instancePath);
    assert.ok(paths.includes('/id'), JSON.stringify(paths));
    assert.ok(paths.some((p) => p.startsWith('/bots/0/scopes')), JSON.stringify(paths));
  });

  it('when Teams installs the bot, then it is one bot in personal, team and group chat with the SOC command list in each', () => {
    assert.equal(manifest.bots.length, 1);
    const bot = manifest.bots[0];
    assert.equal(bot.botId, SAMPLE_ENV.BOT_ID);
    assert.deepEqual([...bot.scopes].sort(), ['groupChat', 'personal', 'team']);
    assert.equal(bot.supportsFiles, false);
    const expected = ['help', 'new request', 'edit', 'playbooks', 'show', 'diff', 'enable', 'disable', 'rollback', 'run', 'export', 'audit'];
    for (const scope of ['personal', 'team', 'groupChat']) {
      const list = bot.commandLists.find((l) => l.scopes.includes(scope));
      assert.ok(list, `a command list for ${scope}`);
      assert.deepEqual(list.commands.map((c) => c.title), expected);
      for (const c of list.commands) assert.ok(c.description.length > 0 && c.description.length <= 128, c.title);
    }
  });

  it('when the toolkit fills the manifest, then every placeholder is one the env files or teamsapp.yml provide', () => {
    const envDev = fs.readFileSync(path.join(root, 'env', '.env.dev'), 'utf8');
    const teamsapp = fs.readFileSync(path.join(root, 'teamsapp.yml'), 'utf8');
    for (const name of placeholders(manifestText)) {
      const inEnv = new RegExp(`^${name}=`, 'm').test(envDev);
      const written = new RegExp(`^\\s+${name}:`, 'm').test(teamsapp);
      assert.ok(inEnv || written, `${name} is neither in env/.env.dev nor written by teamsapp.yml`);
    }
  });

  it('when Teams reads the colour icon, then it is a 192x192 PNG', () => {
    const png = decodePng(fs.readFileSync(path.join(appPackage, manifest.icons.color)));
    assert.equal(png.width, 192);
    assert.equal(png.height, 192);
  });

  it('when Teams reads the outline icon, then it is a 32x32 PNG of white on transparency', () => {
    const png = decodePng(fs.readFileSync(path.join(appPackage, manifest.icons.outline)));
    assert.equal(png.width, 32);
    assert.equal(png.height, 32);
    assert.equal(png.colourType, 6, 'RGBA: the outline needs an alpha channel');
    let transparent = 0;
    let opaque = 0;
    for (let i = 0; i < png.width * png.height; i++) {
      const [r, g, b, a] = png.rgba.subarray(i * 4, i * 4 + 4);
      if (a === 0) {
        transparent++;
        continue;
      }
      if (a === 255) opaque++;
      assert.deepEqual([r, g, b], [255, 255, 255], `pixel ${i % 32},${Math.floor(i / 32)} is visible but not white`);
    }
    assert.equal(png.rgba[3], 0, 'the top-left corner is transparent');
    assert.ok(transparent > 200 && opaque > 200, `a shape on transparency (transparent ${transparent}, opaque ${opaque})`);
  });

  it('when the app package is zipped, then the manifest and both icons it names are in appPackage/', () => {
    for (const file of ['manifest.json', manifest.icons.color, manifest.icons.outline]) {
      assert.ok(fs.statSync(path.join(appPackage, file)).isFile(), file);
    }
    const teamsapp = fs.readFileSync(path.join(root, 'teamsapp.yml'), 'utf8');
    assert.match(teamsapp, /uses: teamsApp\/zipAppPackage[\s\S]*?manifestPath: \.\/appPackage\/manifest\.json/);
  });
});
