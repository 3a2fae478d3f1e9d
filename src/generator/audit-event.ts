import type { components } from '../generated/openapi.js';

/** An audit event as the spec's `AuditEventResponse` declares it (types generated from `spec/`). */
export type AuditEvent = components['schemas']['AuditEventResponse'];

/** An event with every field present, as the provider serializes it (`null` when absent). */
export type CompleteAuditEvent = { [K in keyof AuditEvent]-?: AuditEvent[K] };
