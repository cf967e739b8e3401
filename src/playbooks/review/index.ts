import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolvePythonInterpreter } from '../python';
import type { Finding, FindingSeverity, RequiredPermission, Review, ReviewOptions, ToolStatus } from './types';

export type { Finding, FindingSeverity, FindingSource, RequiredPermission, Review, ReviewOptions, ToolStatus } from './types';

/**
 * Rampart's rule ids. Blocking ones keep the Approve button disabled:
 * RAMP000 syntax error, RAMP001 hard-coded secret, RAMP002 host outside the allow-list,
 * RAMP004 verify=False, RAMP005 subprocess/eval/exec/os.system/os.popen/pickle,
 * RAMP007 write or delete outside the working directory, RAMP010 a pyflakes finding (undefined
 * name, unused import: code a reader cannot trust), RAMP011 destructive call outside the
 * conditions of its step, RAMP012 loop that can repeat a write without bound. Not blocking: RAMP003
 * request without timeout, RAMP006 swallowed exception, RAMP008 unused import of subprocess/pickle.
 * A bandit finding blocks when bandit rates it high severity with at least medium confidence.
 */
export const REVIEW_RULES: Readonly<Record<string, { title: string; blocking: boolean }>> = {
  RAMP000: { title: 'the file does not compile', blocking: true },
  RAMP001: { title: 'hard-coded secret or token', blocking: true },
  RAMP002: { title: 'host outside the allow-list', blocking: true },
  RAMP003: { title: 'HTTP call without a timeout', blocking: false },
  RAMP004: { title: 'TLS verification disabled', blocking: true },
  RAMP005: { title: 'runs other programs or code', blocking: true },
  RAMP006: { title: 'exception swallowed', blocking: false },
  RAMP007: { title: 'writes outside the working directory', blocking: true },
  RAMP008: { title: 'unneeded dangerous import', blocking: false },
  RAMP009: { title: 'the review could not run', blocking: true },
  RAMP010: { title: 'pyflakes finding', blocking: true },
  RAMP011: { title: 'destructive call outside its step\'s conditions', blocking: true },
  RAMP012: { title: 'write that can repeat without bound', blocking: true },
};

/** Bandit tests that Rampart's own rules already cover: dropped when both fire on one line. */
const BANDIT_OVERLAP: Record<string, string> = {
  B105: 'RAMP001',
  B106: 'RAMP001',
  B107: 'RAMP001',
  B501: 'RAMP004',
  B102: 'RAMP005',
  B307: 'RAMP005',
  B301: 'RAMP005',
  B602: 'RAMP005',
  B603: 'RAMP005',
  B604: 'RAMP005',
  B605: 'RAMP005',
  B606: 'RAMP005',
  B607: 'RAMP005',
  B403: 'RAMP008',
  B404: 'RAMP008',
  B110: 'RAMP006',
  B112: 'RAMP006',
  B113: 'RAMP003',
  B108: 'RAMP007',
};

const BANDIT_FIX: Record<string, string> = {
  B105: 'read the value from the environment or Key Vault',
  B106: 'read the value from the environment or Key Vault',
  B107: 'do not give secrets default values; read them from the environment',
  B108: 'use the run\'s working directory (tempfile.mkdtemp() if you must) instead of a fixed /tmp path',
  B303: 'use hashlib.sha256 (or compare the SHA-1 only as an identifier)',
  B324: 'use hashlib.sha256, or usedforsecurity=False for identifiers',
  B311: 'use secrets for anything security-related',
  B310: 'use requests with an allowed https base URL',
  B113: 'pass timeout= to every requests call',
};

/** Most time bandit may take; the whole review aims to finish under 1.5 s. */
const TOOL_TIMEOUT_MS = 20_000;
const RULES_SCRIPT = locateRulesScript();

/** Reviews any Python source: py_compile, pyflakes, bandit and Rampart's own rules, run in parallel. */
export async function reviewPlaybook(source: string, opts: ReviewOptions = {}): Promise<Review> {
  const started = performance.now();
  const python = resolvePythonInterpreter(opts.python);
  const allowArgs = (opts.allowedHosts ?? []).flatMap((host) => ['--allow-host', host]);
  const [rules, bandit, pyflakes] = await Promise.all([
    runPython(python, [RULES_SCRIPT, ...allowArgs], source),
    opts.skipBandit ? Promise.resolve(undefined) : runBandit(python, source),
    runPyflakes(python, source),
  ]);

  const findings: Finding[] = [];
  let permissions: RequiredPermission[] = [];
  let pyCompile: ToolStatus = 'unavailable';
  let rulesStatus: ToolStatus = 'unavailable';
  const parsed = parseRulesOutput(rules);
  if (parsed) {
    pyCompile = parsed.pyCompile.ok ? 'ok' : 'failed';
    rulesStatus = parsed.pyCompile.ok ? 'ok' : 'failed';
    if (!parsed.pyCompile.ok) {
      findings.push({
        rule: 'RAMP000',
        severity: 'high',
        line: parsed.pyCompile.line ?? 0,
        message: `the file does not compile: ${parsed.pyCompile.message ?? 'syntax error'}`,
        fix: 'fix the syntax error on that line (python3 -m py_compile FILE shows it)',
        blocking: true,
        source: 'py_compile',
      });
    }
    for (const f of parsed.findings) findings.push({ ...f, source: 'rampart' });
    permissions = parsed.permissions;
  } else {
    findings.push({
      rule: 'RAMP009',
      severity: 'high',
      line: 0,
      message: `the review could not run with "${python}": ${rules.error ?? lastLine(rules.stderr) ?? 'no output'}`,
      fix: 'set RAMPART_PYTHON to a working Python 3 interpreter and review again',
      blocking: true,
      source: 'rampart',
    });
  }

  let banditStatus: ToolStatus = 'unavailable';
  if (bandit) {
    banditStatus = bandit.status;
    for (const f of bandit.findings) {
      const overlap = BANDIT_OVERLAP[f.rule];
      if (overlap && findings.some((o) => o.rule === overlap && o.line === f.line)) continue;
      findings.push(f);
    }
  }

  // A syntax error is RAMP000 already; pyflakes would only repeat it.
  if (pyCompile !== 'failed') findings.push(...pyflakes.findings);

  findings.sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
  return {
    findings,
    blocking: findings.some((f) => f.blocking),
    permissions,
    tools: { pyCompile, rules: rulesStatus, bandit: banditStatus, pyflakes: pyflakes.status },
    durationMs: Math.round(performance.now() - started),
  };
}

interface RulesOutput {
  pyCompile: { ok: boolean; line: number | null; message: string | null };
  findings: Omit<Finding, 'source'>[];
  permissions: RequiredPermission[];
}

function parseRulesOutput(result: ProcessResult): RulesOutput | undefined {
  if (result.error || !result.stdout.trim()) return undefined;
  try {
    const parsed = JSON.parse(result.stdout) as RulesOutput;
    return parsed && typeof parsed.pyCompile === 'object' && Array.isArray(parsed.findings) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

interface BanditResult {
  test_id: string;
  issue_severity: string;
  issue_confidence: string;
  issue_text: string;
  line_number: number;
  more_info?: string;
}

async function runBandit(python: string, source: string): Promise<{ status: ToolStatus; findings: Finding[] }> {
  // bandit 1.6 cannot read a pipe (it seeks stdin), so it gets a private temporary copy.
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'rampart-review-'));
  const file = path.join(dir, 'playbook.py');
  try {
    await fs.promises.writeFile(file, source, { mode: 0o600 });
    // --ignore-nosec: a "# nosec" comment must not hide a finding from the reviewer.
    const result = await runPython(python, ['-m', 'bandit', '-f', 'json', '-q', '--ignore-nosec', '-s', 'B101', file], '');
    if (result.error === 'interpreter not found' || /No module named bandit/.test(result.stderr)) {
      return { status: 'unavailable', findings: [] };
    }
    let report: { results?: BanditResult[]; errors?: unknown[] };
    try {
      report = JSON.parse(result.stdout) as typeof report;
    } catch {
      return { status: 'failed', findings: [] };
    }
    const findings = (report.results ?? []).map((r) => banditFinding(r));
    return { status: (report.errors ?? []).length > 0 ? 'failed' : 'ok', findings };
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/** pyflakes reads the source on stdin; each "<stdin>:LINE:COL: message" line is a blocking finding. */
async function runPyflakes(python: string, source: string): Promise<{ status: ToolStatus; findings: Finding[] }> {
  const result = await runPython(python, ['-m', 'pyflakes'], source);
  if (result.error === 'interpreter not found' || /No module named pyflakes/.test(result.stderr)) {
    return { status: 'unavailable', findings: [] };
  }
  if (result.error) return { status: 'failed', findings: [] };
  const findings: Finding[] = [];
  for (const line of `${result.stdout}\n${result.stderr}`.split('\n')) {
    const m = /^<stdin>:(\d+):(?:\d+:)?\s*(.+)$/.exec(line.trim());
    if (!m) continue;
    findings.push({
      rule: 'RAMP010',
      severity: 'high',
      line: Number(m[1]),
      message: `pyflakes: ${m[2]}`,
      fix: /undefined name/.test(m[2])
        ? 'define it or copy the runtime function it names (regenerate the playbook with Rampart to get the full runtime)'
        : 'remove or use what pyflakes points at, so the code says only what it does',
      blocking: true,
      source: 'pyflakes',
    });
  }
  return { status: 'ok', findings };
}

function banditFinding(r: BanditResult): Finding {
  const severity = (r.issue_severity.toLowerCase() as FindingSeverity) ?? 'low';
  const blocking = r.issue_severity === 'HIGH' && r.issue_confidence !== 'LOW';
  return {
    rule: r.test_id,
    severity: ['high', 'medium', 'low'].includes(severity) ? severity : 'low',
    line: r.line_number,
    message: `${r.issue_text} (bandit ${r.test_id}, confidence ${r.issue_confidence.toLowerCase()})`,
    fix: BANDIT_FIX[r.test_id] ?? (r.more_info ? `see ${r.more_info}` : 'see the bandit documentation for this test'),
    blocking,
    source: 'bandit',
  };
}

interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
  error?: string;
}

function runPython(python: string, args: string[], stdin: string): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const child = execFile(
      python,
      args,
      { timeout: TOOL_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8', PYTHONDONTWRITEBYTECODE: '1' } },
      (err, stdout, stderr) => {
        const spawnFailed = err && (err as NodeJS.ErrnoException).code === 'ENOENT';
        resolve({
          code: err ? (typeof err.code === 'number' ? err.code : null) : 0,
          stdout,
          stderr,
          error: spawnFailed ? `interpreter not found` : err?.killed ? 'timed out' : undefined,
        });
      },
    );
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(stdin);
  });
}

function lastLine(text: string): string | undefined {
  return text.trim().split('\n').pop() || undefined;
}

function locateRulesScript(): string {
  // Beside this file under tsx; in the source tree when running from a tsc build (dist/).
  const beside = path.join(__dirname, 'rules.py');
  if (fs.existsSync(beside)) return beside;
  return path.resolve(__dirname, '..', '..', '..', 'src', 'playbooks', 'review', 'rules.py');
}
