/** Ways an answer can break on the wire, after WireMock's fault model. */
export const FAULTS = [
  'connection-reset',
  'empty-response',
  'malformed-body',
  'slow-body',
] as const;
export type Fault = (typeof FAULTS)[number];

/** How long `slow-body` takes to dribble the body out when no duration is given. */
export const DEFAULT_SLOW_BODY_MS = 2_000;

export function parseFault(value: string): Fault | undefined {
  return FAULTS.find((fault) => fault === value);
}
