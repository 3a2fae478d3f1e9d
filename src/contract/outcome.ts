/**
 * `contract`: the provider can really send it (the spec declares it, or the provider's documented
 * FastAPI/Starlette behaviour produces it). `mock-only`: an aid the mock offers for resilience tests
 * (gateway statuses, faults, delays, chaos) or one of its own mechanisms (fixtures, `Prefer`,
 * scenarios); covering these never counts towards the contract percentage.
 */
export type OutcomeKind = 'contract' | 'mock-only';

/** How outcomes are grouped in reports, in report order. */
export const OUTCOME_GROUPS = ['status', 'auth', 'body', 'cors', 'mock'] as const;
export type OutcomeGroup = (typeof OUTCOME_GROUPS)[number];

/** Why an outcome is in the model: the spec declares it, the provider is documented to send it, or the mock makes it. */
export type OutcomeBasis = 'spec' | 'provider' | 'mock';

/** One outcome a consumer can meet, with a stable id. */
export interface Outcome {
  /** Stable across versions, e.g. `401-invalid-credentials`, `field-vm_id-null`. */
  readonly id: string;
  readonly kind: OutcomeKind;
  readonly group: OutcomeGroup;
  readonly basis: OutcomeBasis;
  readonly title: string;
  /** How to produce it: a curl line (or admin call, then curl) against `{base}`, the mock's URL. */
  readonly howTo: string;
}
