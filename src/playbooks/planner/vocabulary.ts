/**
 * The planner's vocabulary as data: which words the grammar reads, which carry no meaning of
 * their own, and how analysts abbreviate. A word in none of these lists is "not read": the
 * ledger reports it, and when it could narrow a destructive step the step is withheld.
 * Edit these tables, not the grammar, to teach Rampart a harmless word.
 */

function words(text: string): ReadonlySet<string> {
  return new Set(text.trim().split(/\s+/));
}

/** Grammar words: articles, pronouns, prepositions, auxiliaries, conjunctions, quantifiers. */
export const FUNCTION_WORDS = words(`
a an the this that these those it its itself themselves it's them they their theirs there here he him his she her hers we us our ours you your
i me my mine one ones someone something anything everything nothing
of in on at by for from to into onto with within without via per through across over under about around against between among amongst
and or but nor so then than also too plus as well both either neither
if when whenever unless otherwise else except excluding only just simply instead rather once while where wherever
whether which who whom whose what how why because since after before until till though although
is are was were be been being am do does did done doing have has had having can could should would will shall may might must
upon provided providing assuming whatever whichever you've i've they've you'll
we're we've we'll you're they've it'll that's there's let lets let's please pls kindly thanks thank ok okay hey hi hello
not no never don't dont doesn't didn't isn't aren't won't can't cannot shouldn't wouldn't n't none nope yes yeah yep
all any every each some another other others more most less least many much few several such same own
up out off down back again even still already yet now immediately right away asap automatically auto anywhere everywhere always
`);

/**
 * Words the grammar reads: actions, objects, triggers, sources, severities, conditions,
 * targets, recipients. Their meaning comes from the interpreter's phrases; here they only
 * count as "read" for the ledger.
 */
export const DOMAIN_WORDS = words(`
customdetection windowsdefenderav customerti automatedinvestigation
isolate isolates isolated isolating isolation unisolate un-isolate release released releasing reconnect rejoin lift undo reverse
quarantine quarantined quarantining contain contained containment cut disconnect disconnected kick network networks
scan scans scanned scanning antivirus anti-virus antimalware anti-malware av virus quick full deep complete thorough fast
collect collecting collected collection gather grab pull capture investigation investigative package packages forensic forensics evidence triage diagnostic bundle data
restrict restricted restricting restriction restrictions unrestrict app apps application applications code program programs execution microsoft-signed signed lock locked
stop stopped kill killed process processes file files hash hashes sha sha1 sha-1 sha256 sha-256 md5 binary binaries executable executables payload payloads attachment attachments malware encryptor encryptors dropper droppers implant implants loader loaders sample samples
client clients script scripts extension extensions break-glass breakglass exclusion exclusions ti intel intelligence clicker clickers exception exceptions
block blocked blocking blocks blacklist blocklist denylist ban banned indicator indicators ioc iocs observable observables artifact artifacts artefact artefacts entity entities
ip ips ip's address addresses ipv4 ipv6 url urls link links domain domains hostname hostnames fqdn fqdns web
assign assigned assigns reassign route routed hand give escalate escalated owner tier tier1 tier2 tier3 claimed claim claims unclaimed unowned taken owned unknown
mark marked set status state move change flip update updated put in-progress inprogress progress active resolved resolve resolves close closed closes closing auto-close auto-resolve
tag tags tagged tagging label labels labelled labeled
comment comments commented append appends appended note notes annotate annotation write record document log
disable disabled disabling suspend suspended deactivate deactivated account accounts upn upns username usernames user users user's users' login logins sign-in sign-ins signin signins sign logon logons identity identities credential credentials
revoke revoked revoking session sessions token tokens terminate invalidate end sign-out signout logout log-out force reauth re-authentication reauthentication
reset resets password passwords rotate
confirm confirmed compromise compromised dismiss dismissed risk risky risks safe clear
email emails e-mail mail mails mailbox send sent forward share report reports notify notification notifications alert alerts message messages ping tell inform warn advise advising caution cautioning post posts posted publish announce drop summary summarize summarise summarized details detail results findings result verdict verdicts card
teams channel channels chat soc war room warroom team analysts analyst on-call oncall lead manager ir
incident incidents detection detections event events case cases
severity sev priority critical crit high medium med moderate low informational info p0 p1 p2 p3 p4 sev0 sev1 sev2 sev3 sev4 level
defender endpoint endpoints office office365 o365 365 identity cloud apps sentinel xdr m365d mde mdo mdi mdca mcas atp mdatp entra aad azure protection ad
source sources service detected detect detects detector raised raises raise fires fired triggers triggered trigger reported comes come arrives arrive arrived created new opened opens generated generates shows show shown says say see sees seen saw found observed
malicious bad known known-bad dangerous harmful convicted flagged flags flag clean harmless benign undetected suspicious positive positives false true fp tp expected activity
virustotal engine engines vendor vendors scanner scanners reputation detections verdicts rating rated score level
device devices machine machines host hosts endpoint computer computers box boxes laptop laptops desktop desktops workstation workstations server servers pc pcs notebook notebooks
controller controllers dc dcs os linux macos mac macs windows windows10 windows11 group groups rbac named called name names start starts begin begins
category categories tactic tactics technique techniques title titles titled subject mentions mention mentioning contains contain containing include includes including involves involve involving involved has throws throw threw throwing spits closure closures product products threshold thresholds pref preferred preferably tied linked associated attached indicates indicate indicating indicated suggests suggest suggesting appear appears appearing appeared traffic communication communications connection connections beacon beacons beaconing callback callbacks outbound inbound
member members membership belongs belong
admin admins administrator administrators privileged trojan trojans click clicks clicked clicking communication communications connection connections beacon beaconing shell shells webshell webshells based assignment initiated initiates initiate mvmt turns turned turn out outs employee employees recipient recipients victim victims colleague colleagues guest guests external b2b ext unassigned owner owners ownerless map maps mapped mapping mitre att&ck ttp ttps sub-technique family families path paths folder folders directory directories temp tmp downloads appdata programdata startup delivered delivery wasnt werent inbox inboxes junk junked landed
pua pup adware potentially ransomware ransom phishing phish phishy lure lures credential-theft mimikatz lsass lateral movement exfiltration theft command-and-control c2 c&c
pass-the-hash pass-the-ticket kerberoasting dumping dump dumps brute-force password-spray spray spraying
initialaccess execution persistence privilegeescalation privilege escalation defenseevasion defense evasion credentialaccess discovery lateralmovement commandandcontrol impact suspiciousactivity unwantedsoftware unwanted software exploit reconnaissance resourcedevelopment initial access
selective selectively partial partially outlook skype keep keeps working
expire expires expiry expiration day days week weeks month months year years hour hours
affected impacted infected involved related associated matching matched match matches corresponding relevant same
threat threats found
add adds added adding put include higher lower above below greater worse over under least most fewer less than between
consider considers considered call calls called deem deems deemed classify classifies rate rates identify identifies identified judge judges
recipient recipients recipient's sender senders sender's subject subjects mailbox mailboxes
left untouched unaffected unchanged alone tho though catch catches caught carry carries carrying require requires required requiring next
command control mode modes limited limit limits limited limit limits written alive sitting residing located living hit hits find finds finding reach reaches reached came list lists listed referenced mentioned submit submits custom word term keyword automatic type types classification classifications determination alertandblock blockandremediate alert-and-block block-and-remediate extract extracts extracted reputation status statuses
edr smartscreen detection-source
lands land health inactive impaired sensor somebody nobody noone owns owning assignee picked skip skips skipped ignore ignores ignored exclude excludes excluded exempt exempted disregard bypass leave spare spared touch
open opens opened contains remove removes removed everywhere id refresh anyone anybody everyone someone whoever person people involved
external public private internal rfc1918 routable non-routable range ranges prefix prefixed prefixes starting ending ends suffix multiple single distinct different unique separate number
officeatp azureatp microsoftdefenderatp microsoftdefenderforendpoint microsoftdefenderforoffice365 microsoftdefenderforidentity microsoftcloudappsecurity azureadidentityprotection mdatp defenderatp
`);

/** Words that describe, greet or explain but never narrow what a step acts on. */
export const HARMLESS_WORDS = words(`
mate mates lmao lmfao omg bruh fam tbh imo smh ikr bestie g'day gday righto arvo heaps lads bloke blokes muppet muppets reckon reckons reckoned yeah yep nah haha hahaha lol arvo's cheers ta ty thx legend
playbook playbooks automation automations automate automated automates automatically rule rules workflow workflows logic
respond responds response responding handle handles handling deal process ran run runs running attempt attempts attempted execute executes executed perform performs performed
use uses using used leverage leverages help helps enable enables ensure ensures allow allows make makes create creates want need needs
go goes get gets got take takes took do want wanna gonna gotta need like would love
want quickly fast immediately promptly right straight away asap soon possible real-time realtime near
investigate investigation investigating enrich enriches enrichment enriched lookup look looks check checks checking checked query queries verify verifies validate validates
security operations team analysts analyst responders responder soc center centre staff people folks guys
microsoft azure portal api apis graph cloud
then next first second finally afterwards later subsequently also additionally furthermore moreover
description describes described example e.g i.e etc
step steps action actions band bands bucket buckets times
good great nice cool thanks thx cheers stuff things kinda sorta heads heads-up explaining
reminder fyi btw note ugh argh sigh meh welp oof lol again tonight anyway anyhow anyways
enumerate enumerates enumerating retrieve retrieves retrieving obtain obtains obtaining request requests requested requesting fall falls fell falling actual actually real genuine rep reputation notifier lie lies lying analysis analyses analyse analyze formerly
policy policies explaining explains organisation-wide organization-wide fine remediate remediation categorised categorized knows explanatory distribution manual manually review reviews reviewing further follow-up followup attention awareness visibility triaging
tool tools attack attacks attacker attackers adversary adversaries campaign behavior behaviour behaviors behaviours technique
context information info details data evidence artifact findings summary report reports
received receive receives made permanent permanently forever indefinitely retrieved retrieve retrieves fetched fetch fetches pulled suspected alleged possible likely probable probably prob prolly part
approval approvals approved approve approves approver approvers sign-off signoff
remaining fully entirely completely altogether pending checklist checklists todo to-do exercise exercises drill drills returns returned return originate originates originating originated communicates communicate communicating tied linked hunt hunting threat-hunt cleanup clean-up said says ever obv obviously btw fyi honestly really definitely def also too even just actually basically literally seriously

`);

/** Chat shorthand, expanded before anything else reads the request (lower-case keys). */
export const SHORTHAND: Readonly<Record<string, string>> = {
  acct: 'account', accts: 'accounts', "acct's": "account's", "user's": "user's", acc: 'account', pkg: 'package', pkgs: 'packages', pw: 'password', pwd: 'password',
  pws: 'passwords', passwd: 'password', dc: 'domain controller', dcs: 'domain controllers',
  vt: 'VirusTotal', ioc: 'IOC', iocs: 'IOCs', lmk: 'let me know', pls: 'please', plz: 'please', u: 'you', ur: 'your',
  'w/': 'with', 'w/o': 'without', 'b/c': 'because', bc: 'because', msg: 'message', msgs: 'messages', thru: 'through',
  asap: 'immediately', ws: 'workstation', wks: 'workstation', wkstn: 'workstation', wkstns: 'workstations', wrkstn: 'workstation', wrkstns: 'workstations', srv: 'server', srvs: 'servers',
  svr: 'server', svrs: 'servers', mins: 'minutes', hrs: 'hours', incdt: 'incident', inc: 'incident', incs: 'incidents',
  usr: 'user', usrs: 'users', cmnt: 'comment', cmnts: 'comments', flgs: 'flags', thoes: 'those', unles: 'unless',
  tix: 'tickets', ppl: 'people', abt: 'about', neg: 'negative',
  b4: 'before', teh: 'the', hte: 'the', adn: 'and', taht: 'that', fo: 'of', src: 'source', dst: 'destination', dest: 'destination', idp: 'Identity Protection', aadip: 'Identity Protection', inv: 'investigation', invest: 'investigation',
  theyre: 'they are', "they're": 'they are', "it's": 'it is', youre: 'you are', thats: 'that is', isnt: 'is not', arent: 'are not', doesnt: 'does not',
  didnt: 'did not', wont: 'will not', cant: 'cannot', shouldnt: 'should not', whats: 'what is',
  // common misspellings of ordinary words
  recieve: 'receive', recieved: 'received', recieves: 'receives', immediatly: 'immediately', immediatley: 'immediately', adress: 'address', adresses: 'addresses',
  hashs: 'hashes', mgmt: 'management', fp: 'false positive', fps: 'false positives', definately: 'definitely', untill: 'until', occured: 'occurred', seperate: 'separate', wich: 'which', thier: 'their', definitively: 'permanently',
  mal: 'malicious', wen: 'when', iff: 'if', alrdy: 'already', alr: 'already', wrks: 'works', macbook: 'mac', macbooks: 'macs', cred: 'credential', creds: 'credentials', tho: 'though', altho: 'although', sketchy: 'suspicious', shady: 'suspicious', dodgy: 'suspicious', fishy: 'suspicious', em: 'them', n: 'and', pb: 'playbook', grp: 'group', grps: 'groups', quar: 'quarantine', iso: 'isolate', blk: 'block', sess: 'sessions', crit: 'critical', sevs: 'severities', dets: 'detections', anon: 'anonymous', mda: 'Defender for Cloud Apps', sus: 'suspicious', sussy: 'suspicious',
  // what a phone's autocorrect makes of a word no SOC request means
  devise: 'device', devises: 'devices',
  smth: 'something', sth: 'something', smthg: 'something', frm: 'from', chnl: 'channel', chnnl: 'channel', ntg: 'nothing', nthg: 'nothing', evrything: 'everything', evry: 'every',
};

/** Words a typo may be corrected to: the grammar's own words (never a function word or a short one). */
/** Connectives a misspelling must not hide ("otherwsie", "jsut", "unles"): they decide what a step is conditional on. */
/** A kind of device or a platform, as a list of them names it ("mac", "linux boxes", "DCs"): a regular-expression source. */
export const KIND_OF_DEVICE = String.raw`(?:windows|linux|mac\s?os|macs?|servers?|workstations?|laptops?|desktops?|dcs?|domain\s+controllers?)(?:\s+(?:boxes|hosts|devices|machines|endpoints))?`;

export const CONNECTIVES: readonly string[] = ['otherwise', 'unless', 'except', 'only', 'just', 'then', 'when', 'whenever', 'also', 'instead', 'before', 'after', 'because', 'either', 'where', 'every', 'anything', 'nothing', 'everything', 'please'];

export function correctionTargets(): string[] {
  // ("automaticaly", "imediately": long words of the grammar and the harmless list too; short ones are too close to others.)
  const long = [...FUNCTION_WORDS, ...HARMLESS_WORDS].filter((w) => /^[a-z]{9,}$/.test(w));
  return [...new Set([...[...DOMAIN_WORDS].filter((w) => /^[a-z][a-z-]{3,}$/.test(w)), ...CONNECTIVES, ...long])];
}

/**
 * Spanish and Portuguese words that analysts whose first language is one of them leave in English requests ("isolate the
 * equipo", "nada de nada", "severidad media o alta"), read as the English they stand for.
 * Multi-word keys are phrases. A word that is also English or too short to be sure of ("de", "o", "la", "media", "alta")
 * is in CODE_SWITCH_NEEDS_COMPANY: read only next to another word of this table.
 */
export const CODE_SWITCH: Readonly<Record<string, string>> = {
  // courtesies and calls for attention
  hola: 'hello', 'hola equipo': 'hello team', 'hola a todos': 'hello all', 'hola chicos': 'hello all', 'oi pessoal': 'hello all', 'olá': 'hello', ola: 'hello', buenas: 'hello', pessoal: 'hello all',
  'se o usuário': 'if the user', 'se o usuario': 'if the user', 'si el usuario': 'if the user', 'o usuário': 'the user', 'o usuario': 'the user', 'el usuario': 'the user', 'é da': 'is in', 'é do': 'is in', 'é membro do': 'is a member of', 'es del': 'is in', 'está en el': 'is in the', 'está no': 'is in the',
  'buenas tardes': 'good afternoon', 'buenos dias': 'good morning', 'buenos días': 'good morning', 'buenas noches': 'good evening', 'bom dia': 'good morning', 'boa tarde': 'good afternoon', 'boa noite': 'good evening',
  gracias: 'thanks', 'muchas gracias': 'thanks', obrigado: 'thanks', obrigada: 'thanks', valeu: 'thanks', saludos: 'regards', 'un saludo': 'regards', 'por favor': 'please', porfa: 'please', porfavor: 'please',
  oye: 'hey', 'una cosa importante': 'important', 'uma coisa importante': 'important', atencion: 'attention', 'atención': 'attention', 'atenção': 'attention', atencao: 'attention', ojo: 'attention', eh: 'ok', bueno: 'ok', ahorita: 'now', ahora: 'now', agora: 'now',
  // nouns
  equipo: 'device', equipos: 'devices', equipamento: 'device', equipamentos: 'devices', maquina: 'machine', maquinas: 'machines', 'máquina': 'machine', 'máquinas': 'machines',
  servidor: 'server', servidores: 'servers', usuario: 'user', usuarios: 'users', 'usuário': 'user', 'usuários': 'users', cuenta: 'account', cuentas: 'accounts', conta: 'account', contas: 'accounts',
  correo: 'mail', correos: 'mails', 'correo electronico': 'email', 'correo electrónico': 'email', regla: 'rule', reglas: 'rules', regra: 'rule', regras: 'rules',
  alerta: 'alert', alertas: 'alerts', incidente: 'incident', incidentes: 'incidents', canal: 'channel', 'canal de teams': 'Teams channel', 'el canal de teams': 'the Teams channel', 'o canal do teams': 'the Teams channel', grupo: 'group', etiqueta: 'tag', dias: 'days', 'días': 'days', horas: 'hours', semanas: 'weeks',
  severidad: 'severity', severidade: 'severity', gravedad: 'severity', sesiones: 'sessions', sesion: 'session', 'sesión': 'session', 'sessões': 'sessions', 'sessão': 'session', sessoes: 'sessions', contrasena: 'password', 'contraseña': 'password', senha: 'password',
  archivo: 'file', archivos: 'files', arquivo: 'file', arquivos: 'files', aviso: 'a message', avisos: 'messages', comentario: 'comment',
  // severities and verdicts
  alta: 'high', altas: 'high', media: 'medium', medias: 'medium', 'média': 'medium', baja: 'low', bajas: 'low', baixa: 'low', critica: 'critical', 'crítica': 'critical', criticas: 'critical',
  informativa: 'informational', informativas: 'informational', informativo: 'informational', informativos: 'informational', riesgoso: 'risky', riesgosa: 'risky', arriesgado: 'risky',
  malicioso: 'malicious', maliciosa: 'malicious', limpio: 'clean', limpo: 'clean',
  // verbs
  necesito: 'I need', preciso: 'I need', quiero: 'I want', bloquear: 'block', bloquea: 'block', bloqueie: 'block', aislar: 'isolate', aisla: 'isolate', 'aísla': 'isolate', isolar: 'isolate', isole: 'isolate',
  deshabilitar: 'disable', deshabilita: 'disable', desativar: 'disable', desative: 'disable', desactivar: 'disable', desactiva: 'disable', desabilitar: 'disable', desabilite: 'disable', cerrar: 'close', cierra: 'close', fechar: 'close', feche: 'close',
  escanear: 'scan', escanea: 'scan', avisar: 'notify', avisa: 'notify', avise: 'notify', notifica: 'notify', manda: 'send', enviar: 'send', envia: 'send', 'envía': 'send', llega: 'arrives', chega: 'arrives', chegar: 'arrives', chegou: 'arrives', llegue: 'arrives', vem: 'comes', viene: 'comes', imediatamente: 'immediately', inmediatamente: 'immediately',
  // function words
  nada: 'nothing', 'nada de nada': 'nothing at all', nunca: 'never', 'não': 'do not', nao: 'do not', siempre: 'always', sempre: 'always', solo: 'only', 'sólo': 'only', somente: 'only', apenas: 'only', nomas: 'just', 'nomás': 'just',
  cuando: 'when', quando: 'when', para: 'for', pero: 'but', tambien: 'also', 'también': 'also', 'também': 'also', ninguno: 'none', ninguna: 'none', nenhum: 'none', todos: 'all', todas: 'all',
  // French
  bonjour: 'hello', 'bonjour à tous': 'hello all', salut: 'hi', merci: 'thanks', 'merci beaucoup': 'thanks', 'voilà': 'ok', voila: 'ok', 'bonne soirée': 'regards', cordialement: 'regards',
  "dès qu'on a": 'when there is', "dès qu'il y a": 'when there is', 'dès que': 'as soon as', 'dès': 'as soon as',
  alerte: 'alert', alertes: 'alerts', poste: 'device', postes: 'devices', 'poste de travail': 'workstation', 'postes de travail': 'workstations', utilisateur: 'user', utilisateurs: 'users', utilisatrice: 'user',
  compte: 'account', comptes: 'accounts', serveur: 'server', serveurs: 'servers', 'mot de passe': 'password', 'mots de passe': 'passwords', courriel: 'email', groupe: 'group', 'société': 'company', societe: 'company',
  'gravité': 'severity', 'sévérité': 'severity', 'élevée': 'high', 'elevée': 'high', moyenne: 'medium', faible: 'low', jamais: 'never', toujours: 'always', seulement: 'only', uniquement: 'only', aussi: 'also',
  avec: 'with', sans: 'without', pour: 'for', quand: 'when', et: 'and', les: 'the', des: 'of the', du: 'of the', sur: 'on', isoler: 'isolate', 'désactiver': 'disable', desactiver: 'disable', fermer: 'close', envoyer: 'send',
  // A French speaker's words for steps and what they act on, and an adjective after its noun ("un scan rapide").
  'scan rapide': 'quick scan', 'scan complet': 'full scan', 'scan complète': 'full scan', 'analyse rapide': 'quick scan', 'analyse complète': 'full scan', 'analyse complete': 'full scan',
  'non, pardon': 'no sorry', 'non pardon': 'no sorry', 'non, désolé': 'no sorry', 'no, perdón': 'no sorry', 'não, desculpa': 'no sorry', 'nein, sorry': 'no sorry', 'nee, sorry': 'no sorry',
  rapide: 'quick', complet: 'full', 'complète': 'full', destinataire: 'recipient', destinataires: 'recipients', 'réinitialise': 'reset', 'réinitialiser': 'reset', reinitialise: 'reset', reinitialiser: 'reset',
  // "PAS on the servers svp", "full scan à la place": a French speaker's "not", "please", "instead", "except".
  'ne pas': 'not', pas: 'not', svp: 'please', stp: 'please', "s'il vous plaît": 'please', "s'il vous plait": 'please', 'à la place': 'instead', 'a la place': 'instead',
  'au lieu de': 'instead of', sauf: 'except', 'à la main': 'by hand', 'a la main': 'by hand',
  moteur: 'engine', moteurs: 'engines', commentaire: 'comment', statut: 'status', 'journée': 'day', bloquer: 'block', bloque: 'block', lancer: 'run', lance: 'run', 'désactive': 'disable', 'signale': 'raises', signalent: 'raise',
  // Dutch and German
  graag: 'please', bitte: 'please', niks: 'nothing', nichts: 'nothing', niet: 'not', nicht: 'not', alleen: 'only', nur: 'only', ook: 'also', auch: 'also',
  nooit: 'never', altijd: 'always', immer: 'always', zodat: 'so that', zonder: 'without', wanneer: 'when', wenn: 'when', dank: 'thanks', bedankt: 'thanks', danke: 'thanks', 'dank je': 'thanks', 'vielen dank': 'thanks',
  groetjes: 'regards', 'met vriendelijke groet': 'regards', 'mit freundlichen grüßen': 'regards', 'viele grüße': 'regards', apparaat: 'device', apparaten: 'devices', 'gerät': 'device', 'geräte': 'devices', gebruiker: 'user', gebruikers: 'users', benutzer: 'user',
  hoog: 'high', laag: 'low', hoch: 'high', niedrig: 'low', isoleren: 'isolate', isolieren: 'isolate', blokkeren: 'block', sperren: 'block', uitschakelen: 'disable', deaktivieren: 'disable',
  de: 'of', del: 'of the', o: 'or', ou: 'or', y: 'and', e: 'and', el: 'the', la: 'the', los: 'the', las: 'the', en: 'in', con: 'with', com: 'with', sin: 'without', sem: 'without', si: 'if', un: 'a', una: 'a', uma: 'a', um: 'a',
};

/** Words of CODE_SWITCH read only beside another of its words: they are English too, or too short to be sure of. */
export const CODE_SWITCH_NEEDS_COMPANY: ReadonlySet<string> = new Set([
  'de', 'del', 'o', 'ou', 'y', 'e', 'el', 'la', 'los', 'las', 'en', 'con', 'com', 'sin', 'sem', 'si', 'un', 'una', 'uma', 'um',
  'alta', 'altas', 'media', 'medias', 'baja', 'bajas', 'para', 'solo', 'canal', 'grupo', 'eh', 'manda', 'pues', 'ola', 'conta', 'contas', 'apenas', 'sempre', 'todos', 'todas',
  'critica', 'horas', 'sesion', 'limpio', 'limpo', 'ahora', 'agora', 'envia', 'avisos', 'comentario', 'pero', 'bueno', 'ojo', 'hola',
  'et', 'les', 'des', 'du', 'sur', 'sans', 'avec', 'quand', 'faible', 'voila', 'salut', 'dès',
  'dank', 'immer', 'auch', 'hoch',
]);

/** An IOC written out: a URL, an IPv4 address or range, a file hash (MD5, SHA-1 or SHA-256): a regular-expression source. */
export const IOC_VALUE = String.raw`(?:https?:\/\/[^\s,;()]+|(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?(?![\w.])|(?<![\w])[0-9a-f]{32}(?:[0-9a-f]{8}(?:[0-9a-f]{24})?)?(?![\w]))`;
