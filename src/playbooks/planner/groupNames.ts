/**
 * Groups named by the shape of their name. Defender device groups are named like "Lab-Kiosks",
 * "OT-HMI" or "NW-Linux": capitalised words joined by hyphens. Written without the word "group", such a name beside the
 * devices or users it narrows still names a group:
 *
 *   "malware on Lab-Kiosks boxes"            -> "malware on boxes in the 'Lab-Kiosks' device group"
 *   "never touch anything in Lab-Kiosks"      -> "never touch anything in the 'Lab-Kiosks' device group"
 *   "the kiosk boxes (Lab-Kiosks)"            -> "the boxes in the 'Lab-Kiosks' device group"
 *
 * A name the request calls a tag anywhere ("tag Lab-Kiosks", "Lab-Kiosks tag") stays as it was written: read as a group,
 * an exclusion by tag would have let the tagged devices through. So does a hyphenated word ("Non-Prod", "Follow-Up").
 */

/** Words joined by hyphens, no digit ("OT-HMI", "Clinical-Shared"); nameOk wants each capitalised. */
const NAME = String.raw`(?<![\w@./*'\u2018\u201c"-])(?=[a-z-]*[A-Z])[A-Za-z]+(?:-[A-Za-z]+)+(?![\w@./*-])`;

/** The first part of a hyphenated word rather than of a name: "Non-Prod", "Re-Image", "Follow-Up", "Mid-Batch". */
const WORD_PREFIX = /^(?:non|pre|post|re|co|anti|multi|self|cross|semi|auto|sub|inter|intra|over|under|out|mid|ex|e|x|t|follow|log|sign|set|check|opt|high|low|medium|full|quick|real|one|two|all|top|end|third|first|add|web|on|off|in|up|double|triple|well|old|new|day|night|vt|av|ad|aad|ip|url|ioc|mde|mdo|mdi|mdca|xdr|soc)$/i;

/** Nouns for devices. */
const DEVICES = String.raw`(?:machines?|devices?|hosts?|boxes|box|endpoints?|servers?|workstations?|laptops?|desktops?|pcs?|computers?|nodes?|macs?|macbooks?|vms?|clients?|terminals?|stations?|kiosks?|tills?|scanners?|handhelds?|appliances?|hmis?|plcs?)`;

/** Words before a device noun that only describe the group the bracket names ("Shared nursing workstations (X)"). */
const KEPT_BEFORE_DEVICES = /^(?:windows|linux|mac(?:os)?|ios|android|ubuntu|the|our|all|any|every|each|those|these|its|their|other|no|not|only|just|on|in|for|from|of|to|at|with|and|or|but|a|an|high|medium|low|informational|critical|severity|sev|isolate|scan|collect|restrict|block|skip|except|excluding|never|dont|don't|do)$/i;

/** A lower-case group name: not called a tag anywhere, and not a device's name ("dc-01" has a digit part of its own). */
function userGroupOk(name: string, request: string): boolean {
  return !name.split('-').some((part) => /^\d+$/.test(part)) && !calledATag(name, request);
}

/** Whether the request calls this name a tag ("tagged X", "tag X", "the X machine tag"). (A name is letters, digits and hyphens: nothing to escape.) */
function calledATag(name: string, request: string): boolean {
  return new RegExp(String.raw`\b(?:tag(?:ged|s)?|labell?ed)\s+(?:as\s+|with\s+)?(?:the\s+)?["'\u2018\u201c]?${name}\b|\b${name}["'\u2019\u201d]?\s+(?:machine\s+|device\s+)?tag\b`, 'i').test(request);
}

/** The device noun the grammar reads: a kind ("servers", "laptops", "macs") stays; "kiosks", "nodes" are devices. */
function deviceNoun(noun: string): string {
  if (/^(?:machines?|devices?|hosts?|boxes|box|endpoints?|servers?|workstations?|laptops?|desktops?|pcs?|computers?|macs?)$/i.test(noun)) return noun;
  if (/^macbooks?$/i.test(noun)) return 'macs';
  return /s$/i.test(noun) ? 'devices' : 'device';
}

function nameOk(name: string, request: string): boolean {
  // Every part capitalised, as names are ("Lab-Kiosks"); "Per-severity" is a word. (The patterns ignore case for the nouns.)
  if (!name.split('-').every((part) => /^[A-Z]/.test(part)) || WORD_PREFIX.test(name.split('-')[0])) return false;
  // Called a tag anywhere in the request: a tag, which the tag rules read.
  return !calledATag(name, request);
}

/** "the tills (Warehouse-Tills)": devices, then a group's name in brackets. */
const BRACKETED_NAME = new RegExp(String.raw`(^|[.;:!?(\n]\s*|\b(?:on|for|in|from|at|to|with|about|of|the|our|all|any|every|those|these)\s+)((?:[\w'-]+\s+){0,3}?)(${DEVICES})\s*\(\s*(?:(?:in\s+)?(?:the\s+)?(?:(?:device|machine|rbac)\s+)?group\s+)?(${NAME})(?:\s+(?:(?:device|machine|rbac)\s+)?group)?\s*\)`, 'gi');

/** "Lab-Kiosks boxes": a group's name before the devices. */
const NAME_BEFORE_DEVICES = new RegExp(String.raw`(\ban?\s+)?(${NAME})\s+(${DEVICES})\b(?!\s*\(|\s+(?:groups?|tags?)\b)`, 'g');

/** "anything in OT-HMI": devices in a group said by its name. */
const DEVICES_IN_NAME = new RegExp(String.raw`\b(${DEVICES}|anything|everything|stuff)\s+(in|from|inside|within)\s+(?:the\s+)?(${NAME})(?!["'\u2019\u201d]?\s+(?:(?:device|machine|rbac|security|entra)\s+)?group\b)`, 'gi');

/** "unless it is in Lab-Kiosks": the device said before, in a group said by its name. */
const IT_IN_NAME = new RegExp(String.raw`\b(it\s+is|it'?s|its)\s+(not\s+)?in\s+(?:the\s+)?(${NAME})(?!["'\u2019\u201d]?\s+(?:(?:device|machine|rbac|security|entra)\s+)?group\b)`, 'gi');

/**
 * A user's group said by an identifier: "user in Tier0-Admins", "anyone in BreakGlass", "user in grp 'Break Glass'". The
 * name has a capital and a digit, a hyphen or a capital inside ("Tier0-Admins", "BreakGlass"), or is quoted; a word such
 * as "VIP" or "Finance" stays unread. (The first word of a longer name, "Break-Glass" of "the Break-Glass Accounts group", is
 * not the name.)
 */
const USER_IN_IDENTIFIER = new RegExp(String.raw`\b(?:(the\s+)?(user|account|acct|recipient|sender)\s+(?:(is|isn'?t)\s+)?|(anyone|anybody|users|accounts|accts|recipients|people)\s+)(not\s+)?in\s+(?:the\s+)?(?:(?:group|grp)\s+)?(?:["'\u2018\u201c]([^"'\u2018\u2019\u201c\u201d\n]{1,40})["'\u2019\u201d]|(?<![\w@.-])((?=[\w-]*[A-Z])(?=[\w-]*(?:\d|-|[a-z][A-Z]))[A-Za-z][\w-]*[A-Za-z0-9]))(?![\w@.*'"-]|\s+(?:(?:device|machine|rbac)\s+)?(?:group|grp)\b|\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?\s+(?:group|grp)\b|\s+(?:alerts?|incidents?|detections?|events?|logs?|sessions?)\b)`, 'g');

/** "not in that group", "in the same grp": the one user group the request named before. */
const THAT_GROUP = /\b(in|of)\s+(?:that|the\s+same|said)\s+(?:group|grp)\b/gi;

export function groupNamesInWords(text: string): string {
  return usersGroupSaidBefore(userGroupIdentifiers(text
    // "the physician macbooks (Physician-Laptops)", "shared workstations (group Clinical-Shared)": the devices of that group.
    .replace(BRACKETED_NAME, (m: string, lead: string, words: string, devices: string, name: string, _at: number, whole: string) => {
      if (!nameOk(name, whole)) return m;
      const kept = words.split(/\s+/).filter((w) => w && KEPT_BEFORE_DEVICES.test(w)).join(' ');
      return `${lead}${kept ? `${kept} ` : ''}${deviceNoun(devices)} in the '${name}' device group`;
    })
    // "malware on Lab-Kiosks boxes", "OT-Engineering machines only": the devices of that group.
    .replace(NAME_BEFORE_DEVICES, (m: string, article: string | undefined, name: string, devices: string, _at: number, whole: string) => (nameOk(name, whole) ? `${article ? `${/^A/.test(article) ? 'A' : 'a'} ` : ''}${deviceNoun(devices)} in the '${name}' device group` : m))
    // "devices in Lab-Kiosks", "never touch anything in OT-HMI": the devices of that group.
    .replace(DEVICES_IN_NAME, (m: string, what: string, prep: string, name: string, _at: number, whole: string) => (nameOk(name, whole) ? `${/^(?:anything|everything|stuff)$/i.test(what) ? what : deviceNoun(what)} ${prep} the '${name}' device group` : m))
    // "unless they're in ops-breakglass", "if the user is in svc-accounts-critical": a lower-case name after a user is the
    // user's Entra group (a capitalised one the interpreter reads already); never a name the request calls a tag.
    .replace(/\b(they'?re|theyre|they\s+are|(?:the\s+)?(?:user|account|acct)\s+is)\s+(not\s+)?in\s+(?:the\s+)?([a-z][a-z0-9]*(?:-[a-z0-9]+)+)(?![\w@.*'"-]|\s+(?:(?:security|entra|ad|aad)\s+)?group\b)/g, (m: string, who: string, not: string | undefined, name: string, _at: number, whole: string) => (userGroupOk(name, whole) ? `${who} ${not ?? ''}in the '${name}' group` : m))
    // "isolate it unless it is in Lab-Kiosks": the device said before, in that group.
    .replace(IT_IN_NAME, (m: string, _it: string, not: string | undefined, name: string, at: number, whole: string) => {
      // (Only after a step on devices: after "disable the user" an "it" in a group is the account.)
      const before = whole.slice(0, at);
      const device = /\b(?:isolat|contain|scan|restrict|collect|quarantin|device|machine|host|box|endpoint|server|workstation|laptop)\w*/i.test(before) && !/\b(?:user|account|acct|disable|reset|revoke|password|sessions?)\b/i.test(before);
      return device && nameOk(name, whole) ? `the device is ${not ?? ''}in the '${name}' device group` : m;
    })));
}

function userGroupIdentifiers(text: string): string {
  return text.replace(USER_IN_IDENTIFIER, (m: string, the: string | undefined, one: string | undefined, verb: string | undefined, many: string | undefined, not: string | undefined, quoted: string | undefined, name: string | undefined, _at: number, whole: string) => {
    const group = quoted ?? name ?? '';
    if (calledATag(group.replace(/[^\w-]/g, ''), whole)) return m;
    const negated = Boolean(not) || /n'?t$/i.test(verb ?? '');
    if (many) return `${many} ${negated ? 'not ' : ''}in the '${group}' group`;
    return `${the ?? 'the '}${one} is ${negated ? 'not ' : ''}in the '${group}' group`;
  });
}

function usersGroupSaidBefore(text: string): string {
  const named = [...new Set([...text.matchAll(/\bin\s+the\s+'([^'\n]{1,60})'\s+group\b/g)].map((g) => g[1]))];
  if (named.length !== 1) return text;
  return text
    .replace(THAT_GROUP, (m: string, prep: string, at: number) => (text.slice(0, at).includes(`'${named[0]}' group`) ? `${prep} the '${named[0]}' group` : m))
    // "if not in the 'X' group", ". not in that grp ->": the user said before (no subject, the case had not been read).
    .replace(/(\b(?:if|when|unless)\s+|(?:^|[.;:]\s*)(?=not\s))(not\s+)?in\s+the\s+'([^'\n]{1,60})'\s+group\b/gi, (_m, cue: string, not: string | undefined, name: string) => `${/^[.;:\s]*$/.test(cue) ? `${cue}if ` : cue}the user is ${not ?? ''}in the '${name}' group`);
}
