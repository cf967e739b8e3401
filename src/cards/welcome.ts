import { adaptiveCard, facts, text, type AdaptiveCard } from './types';

/** The requests shown on the welcome card; clicking one sends it as if typed. */
export const EXAMPLE_REQUESTS = [
  'Isolate the machine if a critical severity alert from Microsoft Defender for Endpoint involves a known malicious IOC, and post the details to a Teams channel.',
  'Block every file hash in the incident that VirusTotal flags as malicious by at least 5 engines.',
  'When Identity Protection raises a high severity alert for a user, disable the account and revoke their sessions.',
];

/** The commands Rampart answers, as shown on the welcome card and in the manifest. */
export const COMMANDS: [string, string][] = [
  ['help', 'this card'],
  ['playbooks', 'the playbook library: status, trigger, last run'],
  ['show <name> [version]', 'one playbook: plan, review, code'],
  ['diff <name> <v1> <v2>', 'what changed between two versions'],
  ['enable / disable <name>', 'turn a playbook on or off'],
  ['rollback <name> <version>', 'make an earlier version the active one'],
  ['run <name> on incident <id>', 'a manual run, dry or live'],
  ['export <name>', 'the Python file'],
  ['audit', 'who asked, approved and ran what (approvers)'],
];

export interface WelcomeCardOptions {
  /** Shown when the two-person rule is relaxed (local trials). */
  selfApprovalAllowed?: boolean;
  /** In a channel, say how to address the bot. */
  inChannel?: boolean;
}

/** The welcome / help card: what Rampart does, three example requests, the commands. */
export function welcomeCard(options: WelcomeCardOptions = {}): AdaptiveCard {
  const body = [
    text('Rampart', { size: 'Large', weight: 'Bolder', style: 'heading' }),
    text('SOC automation for Microsoft Defender XDR, reviewed and approved in Teams.', { isSubtle: true, spacing: 'None' }),
    text(
      'Describe an automation in plain English. Rampart answers in the thread with a Python playbook: what it understood, ' +
        'the plan, the code, a static review and a dry run of every side effect. A second analyst approves it; from then on ' +
        'matching incidents run it here, and nothing destructive (isolating a device above all) happens without a named approver.',
    ),
    text('Try one of these', { weight: 'Bolder', spacing: 'Medium' }),
    ...EXAMPLE_REQUESTS.map((r) => text(`- ${r}`, { spacing: 'Small' })),
    text('Commands', { weight: 'Bolder', spacing: 'Medium' }),
    facts(COMMANDS),
  ];
  if (options.inChannel) {
    body.push(text('In a channel, @mention Rampart so your message reaches it; replies stay in your thread.', { isSubtle: true, size: 'Small' }));
  }
  if (options.selfApprovalAllowed) {
    body.push(
      text('Local trial mode: the two-person rule is relaxed, so you may approve your own playbooks.', {
        color: 'Warning',
        size: 'Small',
      }),
    );
  }
  return adaptiveCard(
    body,
    EXAMPLE_REQUESTS.slice(0, 2).map((r, i) => ({
      type: 'Action.Submit',
      title: i === 0 ? 'Try: isolate on malicious IOC' : 'Try: block malicious hashes',
      data: { msteams: { type: 'imBack', value: r } },
    })),
  );
}
