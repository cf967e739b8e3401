import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The dependency rule (docs/ARCHITECTURE.md): imports point from the edges (bot, server, http,
 * commands, incidents) to the core (playbooks, defender), never back; cards and playbooks are
 * pure: no Teams, HTTP server or storage code.
 */

const SRC = path.resolve(__dirname, '../../src');

/** Every TypeScript file under src/, relative to src/. */
function sourceFiles(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [path.relative(SRC, full)] : [];
  });
}

/** The module specifiers a file imports, re-exports or requires. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(SRC, file), 'utf8');
  const found = new Set<string>();
  for (const re of [/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm, /^\s*import\s+'([^']+)'/gm, /\brequire\('([^']+)'\)/g, /\bimport\('([^']+)'\)/g]) {
    for (const m of text.matchAll(re)) found.add(m[1]);
  }
  return [...found];
}

/** The room (first folder under src/, or the file name for top-level files) a src file belongs to. */
function roomOf(file: string): string {
  const [first, ...rest] = file.split(path.sep);
  return rest.length ? first : first.replace(/\.ts$/, '');
}

/** What an import points at: `room:<name>` for a src module, `pkg:<name>` for a package. */
function targetOf(file: string, spec: string): string {
  if (spec.startsWith('.')) return `room:${roomOf(path.relative(SRC, path.resolve(path.dirname(path.join(SRC, file)), spec)))}`;
  const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
  return `pkg:${pkg}`;
}

const TEAMS = ['pkg:botbuilder', 'pkg:botbuilder-core', 'pkg:botframework-connector', 'pkg:@microsoft/teams-ai'];
const SERVER_AND_STORAGE = ['pkg:restify', 'pkg:better-sqlite3', 'room:storage', 'room:server'];
const SQL = ['pkg:kysely', 'pkg:pg', 'pkg:better-sqlite3'];
const EDGES = ['room:bot', 'room:server', 'room:http', 'room:commands', 'room:cli', 'room:index', 'room:bootstrap', 'room:downloads'];

interface Rule {
  room: string;
  why: string;
  forbidden: string[];
  /** For a pure room: the only rooms it may import, and no package at all. */
  onlyRooms?: string[];
}

const RULES: Rule[] = [
  { room: 'playbooks', why: 'the engine knows nothing of Teams, HTTP or SQL', forbidden: [...TEAMS, ...SERVER_AND_STORAGE, ...SQL, ...EDGES, 'room:cards', 'room:incidents', 'room:simulator'] },
  { room: 'cards', why: 'cards are pure functions from typed data to Adaptive Card JSON', forbidden: [], onlyRooms: ['cards', 'playbooks', 'audit'] },
  { room: 'defender', why: 'the API clients know nothing of Teams, HTTP servers or SQL', forbidden: [...TEAMS, ...SERVER_AND_STORAGE, ...SQL, ...EDGES, 'room:cards', 'room:incidents'] },
  { room: 'storage', why: 'storage implements ports; it does not call up into features', forbidden: ['pkg:@microsoft/teams-ai', 'pkg:restify', ...EDGES, 'room:cards', 'room:incidents'] },
  {
    room: 'incidents',
    why: 'the incident pipeline reaches Teams, HTTP and its stores through ports (records/), and is called by the bot',
    forbidden: [...TEAMS, ...SERVER_AND_STORAGE, ...SQL, ...EDGES],
  },
  { room: 'records', why: 'the records incidents/ and storage/ share are types only: storage may import them without reaching into the pipeline', forbidden: [], onlyRooms: ['records'] },
  { room: 'simulator', why: 'the simulator stands in for Microsoft\'s services and shares nothing with Rampart\'s features', forbidden: [...TEAMS, 'room:bot', 'room:incidents', 'room:storage', 'room:cards', 'room:playbooks'] },
];

/** The imports of `rule.room`'s files that the rule forbids, as `file -> specifier`. */
function wrongArrows(rule: Rule, files: string[], imports: (file: string) => string[]): string[] {
  const wrong: string[] = [];
  for (const file of files.filter((f) => roomOf(f) === rule.room)) {
    for (const spec of imports(file)) {
      const target = targetOf(file, spec);
      const pure = rule.onlyRooms && !(target.startsWith('pkg:node:') || (target.startsWith('room:') && rule.onlyRooms.includes(target.slice(5))));
      if (rule.forbidden.includes(target) || pure) wrong.push(`${file} -> ${spec}`);
    }
  }
  return wrong;
}

const ruleFor = (room: string): Rule => RULES.find((r) => r.room === room)!;

describe('dependency rule', () => {
  const files = sourceFiles();

  it('when src/ is scanned, then every room named by a rule has files (a renamed folder does not silently pass)', () => {
    const rooms = new Set(files.map(roomOf));
    for (const rule of RULES) assert.ok(rooms.has(rule.room), `no src/${rule.room}/`);
  });

  for (const rule of RULES) {
    it(`when src/${rule.room} imports, then no arrow points the wrong way (${rule.why})`, () => {
      assert.deepEqual(wrongArrows(rule, files, importsOf), []);
    });
  }

  it('when cards import node built-ins, then none of them does I/O', () => {
    const io = files.filter((f) => roomOf(f) === 'cards').flatMap((f) => importsOf(f).filter((s) => /^node:(fs|net|http|https|child_process)/.test(s)).map((s) => `${f} -> ${s}`));
    assert.deepEqual(io, []);
  });

  it('when an incidents file imports the database, the query builder or a store, then the rule names it; the records and ports it may use pass', () => {
    const file = path.join('incidents', 'desk.ts');
    const planted = ['../storage/database', 'kysely', '../storage/outbox', 'pg', '../records/storage', './outbox', '../audit'];
    assert.deepEqual(wrongArrows(ruleFor('incidents'), [file], () => planted), [`${file} -> ../storage/database`, `${file} -> kysely`, `${file} -> ../storage/outbox`, `${file} -> pg`]);
  });

  it('when records imports anything but records, then the rule names it', () => {
    const file = path.join('records', 'incident.ts');
    assert.deepEqual(wrongArrows(ruleFor('records'), [file], () => ['../incidents/model', 'zod', './approval']), [`${file} -> ../incidents/model`, `${file} -> zod`]);
  });
});
