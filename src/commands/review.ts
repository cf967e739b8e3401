import fs from 'node:fs';
import path from 'node:path';
import { collectEnvironment } from '../config';
import { reviewPlaybook, type Review } from '../playbooks/review';

interface ReviewCommandOptions {
  file?: string;
  json?: boolean;
}

/** `rampart review FILE.py [--json]`: exit 1 when a finding is blocking, 2 when the file cannot be read. */
export default async function review(opts: Record<string, unknown>): Promise<number> {
  const { file, json } = opts as ReviewCommandOptions;
  if (!file) {
    process.stderr.write('rampart review: name the Python file to review, e.g. rampart review pb/playbook.py\n');
    return 2;
  }
  let source: string;
  try {
    source = await fs.promises.readFile(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    process.stderr.write(`rampart review: cannot read ${file}: ${reason}\n`);
    return 2;
  }
  const env = collectEnvironment();
  const result = await reviewPlaybook(source, { python: env.RAMPART_PYTHON });
  process.stdout.write(json ? `${JSON.stringify({ file, ...result }, null, 2)}\n` : formatReview(path.basename(file), result));
  return result.blocking ? 1 : 0;
}

/** The review as a terminal reader wants it: verdict first, then findings, then permissions. */
export function formatReview(name: string, result: Review): string {
  const blocking = result.findings.filter((f) => f.blocking).length;
  const verdict =
    blocking > 0
      ? `${name}: BLOCKED, ${blocking} blocking finding(s) of ${result.findings.length}`
      : `${name}: no blocking finding (${result.findings.length} finding(s))`;
  const tools = Object.entries(result.tools)
    .map(([tool, status]) => `${tool} ${status}`)
    .join(', ');
  const lines = [verdict, `  checked in ${result.durationMs} ms: ${tools}`];
  if (result.findings.length > 0) lines.push('', 'Findings:');
  for (const f of result.findings) {
    const flag = f.blocking ? 'BLOCKING' : f.severity;
    lines.push(`  line ${String(f.line).padEnd(4)} ${f.rule.padEnd(8)} ${flag.padEnd(8)} ${f.message}`);
    lines.push(`  ${' '.repeat(24)}fix: ${f.fix}`);
  }
  lines.push('', result.permissions.length > 0 ? 'Permissions the code needs:' : 'Permissions the code needs: none found');
  for (const p of result.permissions) lines.push(`  ${p.api.padEnd(10)} ${p.name.padEnd(32)} ${p.why}`);
  return `${lines.join('\n')}\n`;
}
