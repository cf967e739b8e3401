export { createCredential, type CredentialSettings, type TokenCredential } from './credential';
export { DefenderClient, type DefenderClientOptions } from './defenderClient';
export { DefenderApiError, ServiceUnreachableError, type ServiceName } from './errors';
export { GraphClient, type GraphClientOptions } from './graphClient';
export type { HttpSettings } from './http';
export * from './types';
export { VirusTotalClient, type VirusTotalClientOptions } from './virusTotalClient';
