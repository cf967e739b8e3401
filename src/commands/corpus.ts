import fs from 'node:fs';
import path from 'node:path';

/**
 * The team's benchmark corpus (a folder holding `dev.jsonl` and `incidents/`), which lives
 * outside the repository: benchmarks take its path as an argument, tests never read it.
 */

export interface CorpusScenario {
  /** Incident file, relative to the corpus folder. */
  incident: string;
  incidentId: number;
  virustotal?: Record<string, unknown>;
}

export interface CorpusCase {
  id: string;
  request: string;
  refuse?: boolean;
  refuseOk?: boolean;
  scenarios?: CorpusScenario[];
}

export interface Corpus {
  dir: string;
  cases: CorpusCase[];
}

/** Where to look for the corpus when `--corpus` is not given. */
export const CORPUS_ENV = 'RAMPART_CORPUS';

/**
 * Reads the corpus at `dir` (or `$RAMPART_CORPUS`); a path to `dev.jsonl` itself also works.
 * Returns a sentence for the user instead when it is not given or not there.
 */
export function loadCorpus(dir: string | undefined, command: string): Corpus | string {
  const given = dir ?? process.env[CORPUS_ENV];
  if (!given) {
    return `${command}: give the benchmark corpus folder (the one holding dev.jsonl and incidents/) with --corpus DIR or ${CORPUS_ENV}=DIR; it is not part of the repository`;
  }
  const folder = given.endsWith('.jsonl') ? path.dirname(given) : given;
  const file = given.endsWith('.jsonl') ? given : path.join(folder, 'dev.jsonl');
  if (!fs.existsSync(file)) return `${command}: no corpus at ${file} (--corpus DIR should hold dev.jsonl and incidents/)`;
  const cases = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CorpusCase);
  return { dir: path.resolve(folder), cases };
}

/** The value following `name` on the command line, if any. */
export function argValue(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}
