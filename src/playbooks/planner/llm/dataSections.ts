/**
 * Untrusted text (incident titles, command lines, earlier thread messages) reaches the model
 * only through these helpers: inside a labelled block, JSON-encoded, with every angle bracket
 * escaped so the text cannot close its block and pose as an instruction.
 */

/** Block names the prompts explain to the model. */
export type DataBlock = 'analyst-request' | 'incident-data' | 'conversation' | 'current-spec' | 'validation-errors' | 'previous-answer';

/** Escapes the characters that could end a block early. */
export function neutralise(text: string): string {
  return text.replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
}

/** Wraps a value in a labelled block; strings stay readable, anything else is JSON. */
export function dataBlock(name: DataBlock, value: unknown, note?: string): string {
  const body = typeof value === 'string' ? value : JSON.stringify(value, null, 1);
  const label = note ? ` note="${note}"` : '';
  return `<${name}${label}>\n${neutralise(body)}\n</${name}>`;
}

/** The incident fields worth showing a model: enough to plan or summarise, no raw noise. */
export function incidentDigest(incident: unknown): unknown {
  if (!incident || typeof incident !== 'object') return incident;
  const i = incident as Record<string, unknown>;
  const alerts = Array.isArray(i.alerts) ? (i.alerts as Record<string, unknown>[]) : [];
  const compact = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)));
  return compact({
    incidentId: i.incidentId,
    incidentName: i.incidentName,
    severity: i.severity,
    status: i.status,
    classification: i.classification,
    tags: i.tags,
    alerts: alerts.map((a) =>
      compact({
        title: a.title,
        severity: a.severity,
        category: a.category,
        serviceSource: a.serviceSource,
        detectionSource: a.detectionSource,
        threatFamilyName: a.threatFamilyName,
        devices: Array.isArray(a.devices)
          ? (a.devices as Record<string, unknown>[]).map((d) => compact({ deviceDnsName: d.deviceDnsName, osPlatform: d.osPlatform, riskScore: d.riskScore }))
          : undefined,
        entities: Array.isArray(a.entities)
          ? (a.entities as Record<string, unknown>[]).map((e) =>
              compact({
                entityType: e.entityType,
                fileName: e.fileName,
                sha1: e.sha1,
                processCommandLine: e.processCommandLine,
                ipAddress: e.ipAddress,
                url: e.url,
                domainName: e.domainName,
                userPrincipalName: e.userPrincipalName,
                accountName: e.accountName,
                subject: e.subject,
                sender: e.sender,
              }),
            )
          : undefined,
      }),
    ),
  });
}
