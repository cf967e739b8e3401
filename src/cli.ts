import { Command, CommanderError } from 'commander';

/**
 * The `rampart` command (docs/ARCHITECTURE.md, "Contracts"). Each sub-command lives in
 * src/commands/<name>.ts and is loaded only when used, so `rampart generate`
 * does not pay for the bot's dependencies.
 */
export async function main(argv: string[]): Promise<void> {
  const program = new Command('rampart')
    .description('Rampart: SOC playbooks from plain English, reviewed and approved in Microsoft Teams')
    .exitOverride();

  program
    .command('generate')
    .description('plain-English request -> playbook.py, spec.json, review.json')
    .argument('<request>', 'the automation request, in plain English')
    .requiredOption('--out <dir>', 'directory to write the playbook into')
    .option('--json', 'print one JSON object instead of a readable summary')
    .action(async (request: string, opts: Record<string, unknown>) => exitWith(await load('generate')({ request, ...opts })));

  program
    .command('review')
    .description('static review of a Python playbook; exit 1 when a finding is blocking')
    .argument('<file>', 'the Python file to review')
    .option('--json', 'print the findings as JSON')
    .action(async (file: string, opts: Record<string, unknown>) => exitWith(await load('review')({ file, ...opts })));

  program
    .command('run')
    .description('run a playbook in the sandbox against the configured Defender endpoint')
    .argument('<file>', 'the playbook to run')
    .requiredOption('--incident-id <id>', 'the Defender XDR incident id')
    .option('--mock-data <file>', 'read the incident from this JSON file instead of the API')
    .option('--dry-run', 'record write calls instead of sending them')
    .option('--json', 'print the playbook\'s raw event lines')
    .action(async (file: string, opts: Record<string, unknown>) => exitWith(await load('run')({ file, ...opts })));

  program
    .command('simulator')
    .description('start the Defender XDR / Graph / VirusTotal / Entra ID simulator')
    .option('--port <n>', 'port to listen on (0 = any free port)', '0')
    .option('--state <dir>', 'directory where the simulator keeps its state across restarts')
    .option('--seed <name>', 'initial data: "empty" or "demo"', 'empty')
    .option('--demo-every <seconds>', 'demo mode: create a new incident every N seconds')
    .action(async (opts: Record<string, unknown>) => exitWith(await load('simulator')(opts)));

  program
    .command('serve')
    .description('run the bot (what `npm start` runs once configured)')
    .action(async () => exitWith(await load('serve')({})));

  program
    .command('dev')
    .description('local development: the bot, the simulator and the Agents Playground together')
    .action(async () => exitWith(await load('dev')({})));

  program
    .command('bench-engine')
    .description('time plan + generate + review and a dry run over the dev requests')
    .option('--corpus <dir>', 'the benchmark corpus folder (dev.jsonl, incidents/); default $RAMPART_CORPUS')
    .action(async (opts: Record<string, unknown>) => exitWith(await load('bench-engine')(opts)));

  try {
    await program.parseAsync(asOperands(argv), { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exit(err.exitCode === 0 ? 0 : 64);
    }
    process.stderr.write(`rampart: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}

/**
 * A request pasted as a bullet list starts with "- ": no option looks like that ("-x", "--out", "--out=dir"), so such an
 * argument is moved after "--", where it is read as the request whatever it starts with.
 */
export function asOperands(argv: string[]): string[] {
  const stray = (a: string): boolean => a.startsWith('-') && a !== '--' && !/^--?[A-Za-z][\w-]*(?:=[\s\S]*)?$/.test(a);
  const cut = argv.indexOf('--');
  const head = cut >= 0 ? argv.slice(0, cut) : argv;
  const moved = head.filter(stray);
  if (moved.length === 0) return argv;
  return [...head.filter((a) => !stray(a)), '--', ...moved, ...(cut >= 0 ? argv.slice(cut + 1) : [])];
}

/** A sub-command: resolves to the process exit code, or undefined to keep running (servers). */
export type CommandHandler = (opts: Record<string, unknown>) => Promise<number | undefined>;

function load(name: string): CommandHandler {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- sub-commands load on use, so `generate` does not pay for the bot
  const mod = require(`./commands/${name}`) as { default: CommandHandler };
  return mod.default;
}

function exitWith(code: number | undefined): void {
  if (code !== undefined) {
    process.exitCode = code;
  }
}
