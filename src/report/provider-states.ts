/**
 * The provider states of exported pacts, named after how each outcome arises at the provider, and
 * what the mock's own provider-state endpoint does for each: the status it makes the event id
 * answer (`undefined`: the request alone produces the outcome).
 */
export const PROVIDER_STATES = [
  { kind: 'event-exists', status: 200, name: (id: string) => `audit event ${id} exists` },
  { kind: 'no-event', status: 404, name: (id: string) => `no audit event ${id}` },
  {
    kind: 'forbidden',
    status: 403,
    name: (id: string) => `the client may not read audit event ${id}`,
  },
  {
    kind: 'invalid-id',
    status: 422,
    name: (id: string) => `the event id ${id} does not validate`,
  },
  { kind: 'rate-limited', status: 429, name: () => 'the client is rate limited' },
  {
    kind: 'internal-error',
    status: 500,
    name: () => 'the provider fails with an unhandled error',
  },
  { kind: 'bad-gateway', status: 502, name: () => 'the gateway cannot reach the provider' },
  { kind: 'unavailable', status: 503, name: () => 'the provider is unavailable' },
  {
    kind: 'gateway-timeout',
    status: 504,
    name: () => 'the provider does not answer the gateway in time',
  },
  {
    kind: 'not-authenticated',
    status: 401,
    name: () => 'the provider does not accept the credentials',
  },
  {
    kind: 'other-status',
    status: undefined,
    name: (id: string) => `audit event ${id} answers another status`,
  },
  { kind: 'token-expired', status: undefined, name: () => 'the token is expired' },
  { kind: 'credentials-invalid', status: undefined, name: () => 'the credentials are invalid' },
] as const;

export type ProviderStateKind = (typeof PROVIDER_STATES)[number]['kind'];
type Template = (typeof PROVIDER_STATES)[number];

/** A provider state as a pact writes it. */
export interface ProviderState {
  readonly name: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

const ID_MARK = '\u0000';

/** `audit event (.+) exists` and the like, to read a state's name back. */
const PATTERNS = PROVIDER_STATES.map((template) => {
  const escaped = template.name(ID_MARK).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return { template, pattern: new RegExp(`^${escaped.replace(ID_MARK, '(.+)')}$`, 's') };
});

/** The template for a status the mock makes an event id answer. */
export function stateForStatus(status: number): Template {
  return (
    PROVIDER_STATES.find((template) => template.status === status) ??
    PROVIDER_STATES.find((template) => template.kind === 'other-status') ??
    PROVIDER_STATES[0]
  );
}

/** The template of a kind. */
export function stateOfKind(kind: ProviderStateKind): Template {
  return PROVIDER_STATES.find((template) => template.kind === kind) ?? PROVIDER_STATES[0];
}

/** Reads a state's name: its template and the event id in it (if the name has one), or `undefined`. */
export function readStateName(
  name: string,
): { readonly template: Template; readonly eventId: string | undefined } | undefined {
  for (const { template, pattern } of PATTERNS) {
    const match = pattern.exec(name);
    if (match) return { template, eventId: match[1] };
  }
  return undefined;
}

/** Every state name the mock knows, with `<id>` for the event id, for error messages. */
export function knownStateNames(): string[] {
  return PROVIDER_STATES.map((template) => template.name('<id>'));
}
