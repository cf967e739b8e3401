/**
 * An alert pasted from the portal, then the ask below it:
 *
 *   Alert: Reverse shell connection detected
 *   Severity: High | Category: Execution
 *   Device: lnx-web-03.contoso.local
 *   ^ this one. whenever this alert fires on any host isolate it
 *
 * The pasted lines are an example, kept as background; what the ask points at ("this one", "alerts like this", "that one",
 * "these") is the alert by its title, said as the grammar reads it ("alerts titled '...'"). Only a block with a title and an
 * ask that points back at it is read this way; anything else stays as written, for the ledger.
 */

/** A line of a pasted alert: "Severity: High | Category: Execution", "Device: lnx-web-03", "Alert: Reverse shell ...". */
const FIELD_LINE = /^\s*(?:>\s*)?(?:alert(?:\s+(?:name|title))?|title|severity|sev|category|status|source|service\s+source|detection\s+source|device|host|machine|user|account|recipient|sender|attachment|delivery\s+action|remote\s+(?:endpoint|ip)|ip|url|domain|file|sha-?(?:1|256)|mitre|technique|tactic|incident(?:\s+id)?|alert\s+id|time|timestamp|first\s+seen|last\s+seen|key\s+comment|process|command\s+line)\s*:\s*\S/i;
/** The alert's title in the pasted lines. */
const TITLE_LINE = /^\s*(?:>\s*)?(?:alert(?:\s+(?:name|title))?|title)\s*:\s*([^|\n]{3,100}?)\s*(?:\||$)/im;
/** Where the ask points back at the pasted alert. */
const POINTERS: Array<[RegExp, (title: string) => string]> = [
  [/^\s*\^+\s*(?:this|that)\s+(?:one|alert)\s*[.!:,-]*\s*/i, () => ''],
  [/\b(?:when(?:ever)?|if)\s+(?:this|that)\s+(?:one|alert)\s+(?:fires|triggers|comes\s+in|shows\s+up|pops(?:\s+up)?|happens)\b/gi, (t) => `whenever an alert titled '${t}' fires`],
  [/\b(?:when(?:ever)?)\s+(?:u|you|we)\s+see\s+(?:this|that)\s+(?:one|alert)\b/gi, (t) => `on alerts titled '${t}'`],
  [/\b(?:for|on)\s+(?:alerts?|ones|incidents?)\s+like\s+(?:this|that|these)(?:\s+one)?\b/gi, (t) => `for alerts titled '${t}'`],
  [/\b(?:for|on)\s+(?:these|this\s+one|this\s+alert|that\s+alert)\b/gi, (t) => `for alerts titled '${t}'`],
];

/**
 * The pasted alert set aside and the ask's pointers to it said by the alert's title. `unsafe` tells text addressed to the
 * system, which is never set aside (the request is then refused as a whole, as any such text is).
 */
export function pastedAlert(input: string, background: string[], unsafe: (text: string) => boolean): string {
  const lines = input.split('\n');
  let end = 0;
  while (end < lines.length && (FIELD_LINE.test(lines[end]) || (end > 0 && /^\s*$/.test(lines[end])))) end++;
  const block = lines.slice(0, end).join('\n');
  const fields = lines.slice(0, end).filter((l) => FIELD_LINE.test(l)).length;
  const title = TITLE_LINE.exec(block)?.[1]?.replace(/["'\u2018\u2019\u201c\u201d]/g, '').trim();
  if (fields < 2 || !title || end >= lines.length || unsafe(block)) return input;
  let ask = lines.slice(end).join('\n');
  let pointed = false;
  for (const [re, say] of POINTERS) {
    ask = ask.replace(re, () => {
      pointed = true;
      return say(title);
    });
  }
  if (!pointed) return input;
  background.push(block.trim().replace(/\s*\n\s*/g, '; '));
  return ask.trim();
}
