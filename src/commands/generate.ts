import fs from 'node:fs';
import path from 'node:path';
import { generateFromRequest } from '../playbooks/engine';
import { isQuestion } from '../playbooks/planner/types';
import { describeSpec } from '../playbooks/spec';

interface GenerateCommandOptions {
  request?: string;
  out?: string;
  json?: boolean;
}

/**
 * `rampart generate "<request>" --out DIR [--json]`: writes DIR/playbook.py, spec.json and
 * review.json. Exit 0 when a playbook was written, 2 when nothing actionable was understood or
 * Rampart needs an answer first (the question is printed).
 */
export default async function generate(opts: Record<string, unknown>): Promise<number> {
  const { request, out, json } = opts as GenerateCommandOptions;
  if (!request || !request.trim() || !out) {
    process.stderr.write('rampart generate: give a request and --out DIR, e.g. rampart generate "Isolate ..." --out pb\n');
    return 2;
  }
  const python = process.env.RAMPART_PYTHON || undefined;
  const result = await generateFromRequest(request, { python });
  if (!result.ok) {
    const { plan } = result;
    const asked = isQuestion(plan) ? plan : undefined;
    if (json) {
      const q = asked ? { question: asked.question, unread: asked.unread ?? [], readings: asked.readings ?? [] } : {};
      process.stdout.write(`${JSON.stringify({ ok: false, reason: plan.reason, ...q, notUnderstood: plan.notUnderstood, supported: plan.supported, planner: plan.planner })}\n`);
    } else if (asked) {
      process.stderr.write(
        `Rampart needs an answer before it generates this playbook.\n\nQuestion: ${asked.question}\n` +
          (asked.readings?.length ? `Possible answers:\n${asked.readings.map((r) => `  - ${r.answer}`).join('\n')}\n` : '') +
          (plan.notUnderstood.length ? `Not understood:\n${plan.notUnderstood.map((n) => `  - ${n}`).join('\n')}\n` : '') +
          `\nRun generate again with the request and your answer, e.g. rampart generate "<request> <answer>" --out DIR\n`,
      );
    } else {
      process.stderr.write(
        `Rampart did not generate a playbook: ${plan.reason}\n` +
          (plan.notUnderstood.length ? `Not understood:\n${plan.notUnderstood.map((n) => `  - ${n}`).join('\n')}\n` : '') +
          `\n${plan.supported}\n`,
      );
    }
    return 2;
  }

  const dir = path.resolve(out);
  await fs.promises.mkdir(dir, { recursive: true });
  await Promise.all([
    fs.promises.writeFile(path.join(dir, 'playbook.py'), result.code, 'utf8'),
    fs.promises.writeFile(path.join(dir, 'spec.json'), `${JSON.stringify(result.spec, null, 2)}\n`, 'utf8'),
    fs.promises.writeFile(path.join(dir, 'review.json'), `${JSON.stringify(result.review ?? null, null, 2)}\n`, 'utf8'),
  ]);

  const { plan, review } = result;
  if (json) {
    process.stdout.write(
      `${JSON.stringify({
        ok: true,
        out: dir,
        files: ['playbook.py', 'spec.json', 'review.json'],
        understood: plan.understood,
        notUnderstood: plan.notUnderstood,
        facts: plan.facts,
        assumptions: plan.assumptions,
        planner: plan.planner,
        spec: result.spec,
        review: review ? { blocking: review.blocking, findings: review.findings, permissions: review.permissions } : null,
        timings: result.timings,
      })}\n`,
    );
    return 0;
  }
  const described = describeSpec(result.spec);
  const lines: string[] = [`Playbook written to ${path.join(dir, 'playbook.py')} (${plan.planner} planner)`, ''];
  lines.push(`Trigger: ${described.trigger}`, 'Steps:', ...described.steps.map((s, i) => `  ${i + 1}. ${s}`));
  lines.push('', 'Understood:', ...plan.understood.map((u) => `  - "${u.phrase}" -> ${u.meaning}`));
  if (plan.notUnderstood.length) lines.push('', 'NOT understood (left out):', ...plan.notUnderstood.map((n) => `  - ${n}`));
  if (plan.facts.length) lines.push('', 'Facts applied:', ...plan.facts.map((f) => `  - ${f}`));
  if (plan.assumptions.length) lines.push('', 'Assumptions:', ...plan.assumptions.map((a) => `  - ${a}`));
  if (review) {
    const blocking = review.findings.filter((f) => f.blocking).length;
    lines.push('', `Review: ${blocking ? `BLOCKED (${blocking} blocking finding(s))` : 'no blocking finding'}, ${review.findings.length} finding(s)`);
    lines.push(...review.findings.map((f) => `  - ${f.blocking ? '[blocking] ' : ''}${f.rule} line ${f.line}: ${f.message} (fix: ${f.fix})`));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
