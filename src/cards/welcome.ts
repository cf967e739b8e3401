import { adaptiveCard, facts, text, type AdaptiveCard } from './types';

/** The requests shown on the welcome card; clicking one sends it as if typed. */
export const EXAMPLE_REQUESTS = [
  'Isolate the machine if a critical severity alert from Microsoft Defender for Endpoint involves a known malicious IOC, and post the details to a Teams channel.',
  'Block every file hash in the incident that VirusTotal flags as malicious by at least 5 engines.',
  'When Identity Protection raises a high severity alert for a user, disable the account and revoke their sessions.',
];

/** The verb of the welcome card's example buttons; the data carries the request text. */
export const TRY_EXAMPLE_VERB = 'tryExample';

/** The commands Rampart answers (placeholders in capitals: Teams strips `<...>` as HTML). */
export const COMMANDS: [string, string][] = [
  ['help', 'this card'],
  ['new request: REQUEST', 'a new playbook, even in a conversation that has a draft'],
  ['edit: CHANGE', 'a change to this conversation\'s draft (a new version with a diff)'],
  ['playbooks', 'the playbook library: status, trigger, last run'],
  ['show NAME [VERSION]', 'one playbook: plan, review, code'],
  ['diff NAME V1 V2', 'what changed between two versions'],
  ['enable / disable NAME', 'turn a playbook on or off'],
  ['rollback NAME VERSION', 'make an earlier version the active one'],
  ['run NAME on incident ID', 'a manual run, dry (add "live" for a live run)'],
  ['export NAME', 'the Python file'],
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
      // A submit reaches the bot in a channel too (an imBack post without an @mention would not).
      data: { verb: TRY_EXAMPLE_VERB, request: r },
    })),
  );
}
