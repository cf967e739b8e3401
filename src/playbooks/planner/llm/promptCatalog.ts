import fs from 'node:fs';
import path from 'node:path';
import * as engine from './contract';
import type { ActionName } from './contract';
import { toJsonSchema, type JsonSchema } from './jsonSchema';

/** Where the teams-ai prompt folders live (prompts/<name>/skprompt.txt, config.json, actions.json). */
export const PROMPTS_FOLDER = path.resolve(__dirname, '../../../../prompts');

/** The tool through which the model proposes a playbook. */
export const PROPOSE_PLAYBOOK = 'propose_playbook';
/** The tool through which the model asks the analyst one focused question. */
export const ASK_CLARIFYING_QUESTION = 'ask_clarifying_question';
/** The tool through which the model says the request asks for nothing Rampart can automate. */
export const DECLINE_REQUEST = 'decline_request';

/**
 * Domain facts the planner must apply and state. The offline planner encodes the same facts
 * in rules; here they are told to the model.
 */
export const DOMAIN_FACTS: readonly string[] = [
  'Defender XDR has no "critical" severity: Informational, Low, Medium and High only. Map "critical", "sev1", "P1" to High and say so in facts.',
  'Severity cannot be changed through the Defender XDR incident API: never plan a severity change; list the words in notUnderstood and explain in facts.',
  'StopAndQuarantineFile works only with a file\'s SHA-1, on the device where the file was seen (target fileDevices).',
  'A file indicator (createIndicator) uses the SHA-256 or SHA-1 of the file; IP, URL and domain indicators use the value itself.',
  'Selective isolation keeps Outlook, Teams and Skype working; Full isolation (the default) cuts the device off except from Defender.',
  'Tagging adds to the incident\'s existing tags (addTags); it never replaces them.',
  'Closing an incident as a false positive means status Resolved, classification FalsePositive and a determination such as NotMalicious or Other.',
  '"A high severity ALERT" filters alerts (trigger kind alert) and device actions then target the devices of the matching alerts only (alertDevices); "a high severity INCIDENT" filters on the incident (kind incident) and "every affected device" is incidentDevices.',
  '"A known malicious IOC" means any file hash, IP, URL or domain of the alert that VirusTotal flags with at least 1 engine (or the stated threshold).',
  'Identity Protection users: confirmCompromised / dismissRiskyUser; account actions (disableUser, resetPassword, revokeSessions) target the users involved.',
  'Steps without a condition run even when another step\'s condition is false.',
];

const TARGET_SAMPLES: Record<string, engine.Target> = {
  incidentDevices: { kind: 'incidentDevices' },
  alertDevices: { kind: 'alertDevices' },
  fileDevices: { kind: 'fileDevices', minEngines: 1 },
  users: { kind: 'users' },
  iocs: { kind: 'iocs', iocTypes: ['file', 'ip', 'url', 'domain'], minEngines: 1 },
  incident: { kind: 'incident' },
  channel: { kind: 'channel' },
  mailbox: { kind: 'mailbox' },
};

const CONDITION_SAMPLES: engine.Condition[] = [
  { kind: 'maliciousIoc', iocTypes: ['file', 'ip', 'url', 'domain'], minEngines: 1 },
  { kind: 'deviceRisk', atLeast: 'High' },
  { kind: 'entityPresent', entityType: 'Url' },
  { not: { kind: 'maliciousIoc', iocTypes: ['url'], minEngines: 1 } },
  { kind: 'entityCount', entity: 'device', atLeast: 4 },
  { not: { kind: 'userNamed', patterns: ['svc-*'] } },
];

/** The JSON Schema of the playbook spec, derived from the zod schema that validates answers. */
export function playbookSpecJsonSchema(): JsonSchema {
  const schema = toJsonSchema(engine.PlaybookSpec, { Condition: engine.Condition });
  // Service sources are validated by a transform (aliases -> canonical); tell the model the names.
  const trigger = (schema.properties as Record<string, JsonSchema>).trigger;
  const sources = (trigger.properties as Record<string, JsonSchema>).serviceSources;
  sources.items = { type: 'string', enum: [...engine.SERVICE_SOURCES] };
  return schema;
}

/** A teams-ai action (tool) definition, as actions.json holds it. */
export interface ToolDefinition {
  name: string;
  description: string;
  parameters: JsonSchema;
}

/** The tools of the plan-playbook prompt: the model can only propose a spec, ask, or decline. */
export function planningTools(): ToolDefinition[] {
  const phraseList = { type: 'array', items: { type: 'string' } };
  return [
    {
      name: PROPOSE_PLAYBOOK,
      description:
        'Propose the playbook for the analyst\'s request as a Rampart playbook spec. Rampart validates it, generates the Python, reviews it and asks humans to approve it; nothing runs from this call.',
      parameters: {
        type: 'object',
        properties: {
          spec: playbookSpecJsonSchema(),
          understood: {
            type: 'array',
            description: 'Each phrase of the request and what it became in the spec.',
            items: {
              type: 'object',
              properties: { phrase: { type: 'string' }, meaning: { type: 'string' } },
              required: ['phrase', 'meaning'],
            },
          },
          notUnderstood: { ...phraseList, description: 'Phrases of the request the spec cannot express. Never drop a phrase silently.' },
          facts: { ...phraseList, description: 'Domain facts applied, in plain words.' },
          assumptions: { ...phraseList, description: 'Choices made where the request was silent.' },
        },
        required: ['spec', 'understood', 'notUnderstood'],
      },
    },
    {
      name: ASK_CLARIFYING_QUESTION,
      description:
        'Ask the analyst ONE focused question when the request is too ambiguous to plan safely (e.g. which machines, what makes them "bad").',
      parameters: {
        type: 'object',
        properties: { question: { type: 'string', description: 'One short question, in the SOC\'s words.' } },
        required: ['question'],
      },
    },
    {
      name: DECLINE_REQUEST,
      description: 'Say that the request asks for nothing Rampart can automate (e.g. an unsupported integration, or no action at all).',
      parameters: {
        type: 'object',
        properties: {
          reason: { type: 'string', description: 'Why, in plain words.' },
          notUnderstood: { ...phraseList, description: 'The phrases that cannot be automated.' },
        },
        required: ['reason'],
      },
    },
  ];
}

/** Plain-text description of what a spec can express, generated from the schema and ACTIONS. */
export function specGuide(): string {
  const lines: string[] = [];
  lines.push('Actions (steps[].action), with the approval each needs and the permission the playbook needs:');
  for (const name of engine.ACTION_NAMES as readonly ActionName[]) {
    const a = engine.ACTIONS[name];
    lines.push(`- ${name}: ${a.label}; ${a.destructive ? 'DESTRUCTIVE, a named human approves it before it runs' : 'not destructive'}; ${a.api} permission ${a.permission}`);
  }
  lines.push('', 'Targets (steps[].target.kind):');
  for (const [kind, sample] of Object.entries(TARGET_SAMPLES)) lines.push(`- ${kind}: ${engine.describeTarget(sample)}`);
  lines.push('', 'Conditions (steps[].when.condition; combine with {"all": [...]}, {"any": [...]}, {"not": ...}; scope "alert" checks each matching alert, "incident" the whole incident), e.g.:');
  for (const c of CONDITION_SAMPLES) lines.push(`- ${JSON.stringify(c)}: ${engine.describeCondition(c)}`);
  lines.push('', 'Values:');
  lines.push(`- severities: ${engine.SEVERITIES.join(', ')}`);
  lines.push(`- serviceSources: ${engine.SERVICE_SOURCES.join(', ')} (older names accepted: ${Object.keys(engine.SERVICE_SOURCE_ALIASES).filter((k) => !(engine.SERVICE_SOURCES as readonly string[]).includes(k)).join(', ')})`);
  lines.push(`- topics (title keyword or alert category): ${Object.keys(engine.TOPICS).join(', ')}`);
  lines.push(`- incident statuses: ${engine.IncidentStatus.options.join(', ')}`);
  lines.push(`- classifications: ${engine.Classification.options.join(', ')}`);
  lines.push(`- determinations: ${engine.Determination.options.join(', ')}`);
  lines.push('', 'Domain facts:');
  for (const f of DOMAIN_FACTS) lines.push(`- ${f}`);
  return lines.join('\n');
}

/** The actions.json content of prompts/plan-playbook, byte for byte. */
export function planningActionsJson(): string {
  return `${JSON.stringify(planningTools(), null, 2)}\n`;
}

// `npx tsx src/playbooks/planner/llm/promptCatalog.ts` rewrites actions.json after a schema change.
if (require.main === module) {
  const file = path.join(PROMPTS_FOLDER, 'plan-playbook', 'actions.json');
  fs.writeFileSync(file, planningActionsJson());
  process.stdout.write(`wrote ${file}\n`);
}
