import fs from 'node:fs';
import path from 'node:path';

/**
 * The playbook runtime is real Python (`runtime/*.py`, linted and unit-tested as Python). Codegen
 * copies into a playbook exactly the top-level definitions its own code reaches, following names
 * from the generated code through the runtime, and the imports those definitions use: nothing a
 * playbook calls is left out, nothing it never calls is carried (pyflakes finds neither an
 * undefined name nor an unused import in a generated file).
 */

/** The runtime files in the order their definitions appear in a playbook. */
export const RUNTIME_FILES = [
  'core', 'alerts', 'conditions', 'virustotal', 'actions', 'machine', 'device_filter', 'indicator', 'incident_update',
  'graph', 'user_actions', 'teams', 'mail',
] as const;

/** Modules a playbook may import, standard library first; anything else a runtime file imports is one of its siblings. */
const STDLIB_MODULES = ['argparse', 'base64', 'datetime', 'fnmatch', 'html', 'ipaddress', 'json', 'os', 're', 'secrets', 'string', 'sys', 'time'];
const THIRD_PARTY_MODULES = ['msal', 'requests'];

/** One top-level definition (function, class or assignment) with the comment lines right above it. */
interface Block {
  file: string;
  names: string[];
  text: string;
  /** Identifiers the block uses (strings, comments and attribute names left out). */
  uses: Set<string>;
  /** Its position in the file and the blank lines before it there (constants stay together). */
  index: number;
  gapBefore: number;
  assignment: boolean;
}

interface RuntimeFile {
  name: string;
  /** The section banner (comment lines before the first definition), shown when any definition of the file is. */
  banner: string;
  blocks: Block[];
}

/** Where the .py files are: beside this file under tsx, in the source tree when running from a tsc build (dist/). */
export function runtimeDir(): string {
  const beside = path.join(__dirname, 'runtime');
  if (fs.existsSync(path.join(beside, 'core.py'))) return beside;
  return path.resolve(__dirname, '..', '..', '..', 'src', 'playbooks', 'codegen', 'runtime');
}

const CODE_NOISE = /("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|#[^\n]*)/g;
const IDENTIFIER = /(?<![.\w])[A-Za-z_]\w*/g;
const DEFINITION = /^(?:(?:def|class)\s+([A-Za-z_]\w*)|([A-Za-z_]\w*)\s*=(?!=))/;

/** Identifiers used in Python source: strings, comments and attribute names after a dot left out. */
export function identifiersIn(code: string): Set<string> {
  return new Set(code.replace(CODE_NOISE, ' ').match(IDENTIFIER) ?? []);
}

function parseRuntimeFile(name: string, source: string): RuntimeFile {
  // The module docstring and the imports serve linting and unit tests; a playbook gets its own imports.
  const lines = source.replace(/^"""[\s\S]*?"""\n/, '').split('\n').filter((l) => !/^(import|from)\s/.test(l));
  const blocks: Block[] = [];
  const banner: string[] = [];
  let current: { names: string[]; lines: string[] } | undefined;
  // Comment lines at the left margin that follow a blank line: the banner, or the lead-in of the next definition.
  let pending: string[] = [];
  let previousBlank = true;
  let trailingBlanks = 0;
  let gapBefore = 0;
  const close = () => {
    if (!current) return;
    trailingBlanks = 0;
    while (current.lines.length && current.lines[current.lines.length - 1].trim() === '') {
      current.lines.pop();
      trailingBlanks += 1;
    }
    const text = current.lines.join('\n');
    blocks.push({ file: name, names: current.names, text, uses: identifiersIn(text), index: blocks.length, gapBefore, assignment: !/^(def|class)\s/m.test(text.replace(/^#.*\n/gm, '')) });
    current = undefined;
  };
  for (const line of lines) {
    const blank = line.trim() === '';
    const def = DEFINITION.exec(line);
    if (def) {
      close();
      gapBefore = pending.length ? 2 : trailingBlanks;
      current = { names: [def[1] ?? def[2]], lines: [...pending, line] };
      pending = [];
    } else if (line.startsWith('#') && (previousBlank || pending.length)) {
      pending.push(line);
    } else if (blank && pending.length) {
      if (!blocks.length && !current) {
        banner.push(...pending);
        pending = [];
      } else {
        pending.push(line);
      }
    } else if (current) {
      current.lines.push(...pending, line);
      pending = [];
    }
    previousBlank = blank;
  }
  close();
  return { name, banner: banner.join('\n'), blocks };
}

let cache: RuntimeFile[] | undefined;

/** The parsed runtime files (read once per process). */
export function runtimeFiles(): RuntimeFile[] {
  if (!cache) {
    const dir = runtimeDir();
    cache = RUNTIME_FILES.map((name) => parseRuntimeFile(name, fs.readFileSync(path.join(dir, `${name}.py`), 'utf8')));
  }
  return cache;
}

/** The runtime a playbook needs: its import lines and the runtime definitions its own code reaches. */
export function assembleRuntime(playbookCode: string): { imports: string[]; runtime: string } {
  const files = runtimeFiles();
  const byName = new Map<string, Block>();
  for (const f of files) for (const b of f.blocks) for (const n of b.names) byName.set(n, b);
  const needed = new Set<Block>();
  const pending = [...identifiersIn(playbookCode)];
  const used = new Set<string>(pending);
  while (pending.length) {
    const block = byName.get(pending.pop()!);
    if (!block || needed.has(block)) continue;
    needed.add(block);
    for (const u of block.uses) {
      if (!used.has(u)) {
        used.add(u);
        pending.push(u);
      }
    }
  }
  const sections: string[] = [];
  for (const f of files) {
    const blocks = f.blocks.filter((b) => needed.has(b));
    if (!blocks.length) continue;
    let text = f.banner;
    blocks.forEach((b, n) => {
      const previous = n > 0 ? blocks[n - 1] : undefined;
      const together = previous && (previous.index === b.index - 1 || (previous.assignment && b.assignment));
      const gap = !previous ? (b.assignment ? 1 : 2) : together ? b.gapBefore : 2;
      text = text ? `${text}${'\n'.repeat(gap + 1)}${b.text}` : b.text;
    });
    sections.push(text);
  }
  const stdlib = STDLIB_MODULES.filter((m) => used.has(m)).map((m) => `import ${m}`);
  const thirdParty = THIRD_PARTY_MODULES.filter((m) => used.has(m)).map((m) => `import ${m}`);
  return { imports: [...stdlib, ...(stdlib.length && thirdParty.length ? [''] : []), ...thirdParty], runtime: sections.join('\n\n\n') };
}
