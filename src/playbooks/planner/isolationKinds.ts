/**
 * Two kinds of isolation in one step's words: "isolate the device, but for servers use selective isolation",
 * "isolate workstations fully and servers selectively", "isolate the box (selective for DCs)". The devices named
 * with "selective" get a selective isolation, every other device of the step a full one: two steps, where one
 * selective step for the named devices had lost the full isolation of the rest, and one selective step for every
 * kind named had isolated the workstations selectively.
 */
import type { DeviceFilter, DeviceMatch, Step } from '../spec';

const DEVICES = String.raw`(?:the\s+|our\s+|any\s+|all\s+)?((?:windows\s+|linux\s+|mac\s*os\s+)?(?:servers?|srvs?|dcs?|domain\s+controllers?|workstations?|laptops?|desktops?|pcs?|macs?|macbooks?|linux\s+(?:boxes|box|hosts?|servers?|machines?|devices?)|kiosks?)(?:\s+in\s+(?:the\s+)?[\w-]+\s+group|\s+tagged\s+[\w-]+)?)`;
const KIND = (word: string) => [
  // "selective for servers", "selectively on the DCs"
  new RegExp(String.raw`\b${word}(?:\s+isolation)?\s+(?:for|on)\s+${DEVICES}\b`, 'i'),
  // "for servers use selective isolation", "on DCs: selective", "for servers it's selective"
  new RegExp(String.raw`\b(?:for|on)\s+${DEVICES}\s*[,:]?\s*(?:->\s*)?(?:(?:use|do|go\s+with|it'?s|make\s+it|only|just)\s+)?(?:an?\s+|the\s+)?${word}(?:\s+isolation)?\b`, 'i'),
  // "servers selectively", "servers get selective isolation"
  new RegExp(String.raw`\b${DEVICES}\s+(?:(?:get|gets|are|is)\s+(?:isolated\s+)?)?${word}(?:\s+isolation)?\b`, 'i'),
];
const SELECTIVE = KIND(String.raw`selective(?:ly)?`);
const FULL = KIND(String.raw`full(?:y)?`);
/** "isolate the device", "isolate it": an isolation of every device of the step, whatever the kind. */
const GENERAL = /\bisolat\w*\s+(?:it|them|(?:the|that|this|those|these|each|every|any|all)\s+(?:affected\s+|impacted\s+|compromised\s+|infected\s+)?(?:device|machine|host|box|endpoint|computer)(?:e?s)?)\b/i;

function devicesSaid(patterns: RegExp[], text: string | undefined): string | undefined {
  if (!text) return undefined;
  for (const re of patterns) {
    const m = re.exec(text);
    if (m) return m[1];
  }
  return undefined;
}

/** `from` without the values `drop` names (key by key); undefined when nothing is left. */
function without(from: DeviceMatch | undefined, drop: DeviceMatch | undefined): DeviceMatch | undefined {
  if (!from) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(from)) {
    const gone = drop ? (drop as Record<string, unknown>)[k] : undefined;
    if (Array.isArray(v)) {
      const kept = v.filter((x) => !(Array.isArray(gone) && gone.some((g) => String(g).toLowerCase() === String(x).toLowerCase())));
      if (kept.length) out[k] = kept;
    } else if (v !== undefined && gone === undefined) out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

function joined(a: DeviceMatch | undefined, b: DeviceMatch | undefined): DeviceMatch | undefined {
  if (!a) return b;
  if (!b) return a;
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const have = out[k];
    out[k] = Array.isArray(v) && Array.isArray(have) ? [...new Set([...(have as unknown[]), ...(v as unknown[])])] : v;
  }
  return out;
}

function filter(include: DeviceMatch | undefined, exclude: DeviceMatch | undefined): DeviceFilter | undefined {
  if (!include && !exclude) return undefined;
  return { ...(include ? { include } : {}), ...(exclude ? { exclude } : {}) };
}

/**
 * Each isolation whose words name devices with "selective" and others (or every other device) with a full isolation
 * becomes two steps. `devicesOf` reads device words ("windows servers") as a match; one it cannot read leaves the step as it is.
 */
export function splitIsolationKinds(steps: Step[], devicesOf: (words: string) => DeviceMatch | undefined): Step[] {
  return steps.flatMap((step) => {
    if (step.action !== 'isolate' || step.deviceFilter?.exclude) return [step];
    const text = step.phrase;
    const selWords = devicesSaid(SELECTIVE, text);
    if (!selWords) return [step];
    const fullWords = devicesSaid(FULL, text);
    if (!fullWords && !GENERAL.test(text ?? '')) return [step];
    const sel = devicesOf(selWords);
    const full = fullWords ? devicesOf(fullWords) : undefined;
    if (!sel || (fullWords && !full)) return [step];
    const include = step.deviceFilter?.include;
    const selective: Step = { ...step, params: { ...step.params, isolationType: 'Selective' } };
    const selFilter = filter(joined(without(include, full), sel), undefined);
    if (selFilter) selective.deviceFilter = selFilter;
    const whole: Step = { ...step, params: { ...step.params, isolationType: 'Full' } };
    const fullFilter = filter(full ? joined(without(include, sel), full) : without(include, sel), full ? undefined : sel);
    if (fullFilter) whole.deviceFilter = fullFilter;
    else delete whole.deviceFilter;
    return [whole, selective];
  });
}
