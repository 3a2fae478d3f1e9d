/** One request `verify` sends, to the provider and to the mock alike. */
export interface Probe {
  readonly name: string;
  /** Only methods that change nothing: `verify` never sends a state-changing request. */
  readonly method: 'GET' | 'HEAD' | 'OPTIONS';
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** How bodies are compared: byte for byte, by field names, or not (HEAD, spec, pages). */
  readonly body: 'exact' | 'fields' | 'none';
  /** The event id requested, when the probe reaches the event route. */
  readonly eventId?: string;
  /** Why the probe is not sent (a credential it needs was not given). */
  readonly skip?: string;
}

/** What the probe set is built from. */
export interface ProbeInput {
  /** The event path template, e.g. `/v1/audit/events/{event_id}`. */
  readonly pathTemplate: string;
  readonly apiKeyHeader: string | undefined;
  readonly token: string | undefined;
  readonly apiKey: string | undefined;
  readonly eventIds: readonly string[];
  /** The mock's built-in routes (`null` when off). */
  readonly openapiUrl: string | null;
  readonly docsUrl: string | null;
}

const ORIGIN = 'http://localhost:5173';
/** An id no provider should have. */
export const UNKNOWN_ID = 'verify-no-such-event-7f3c9a1e';

function eventPath(template: string, id: string): string {
  return template.replace(/\{[^}]+\}/, encodeURIComponent(id));
}

/**
 * The probes: requests that need no set-up on the provider and change nothing there. Without
 * credentials, the ones that need them are listed as skipped. The unknown-id probe carries
 * `Prefer: code=404`: a FastAPI provider ignores the header, and a mock (which answers ids without
 * fixtures with generated events) answers the 404 it stands for, so a mock verified against
 * itself agrees with itself.
 */
export function probeSet(input: ProbeInput): Probe[] {
  const { pathTemplate, token, apiKey, apiKeyHeader } = input;
  const path = eventPath(pathTemplate, 'evt_verify_probe');
  const event = (name: string, headers: Record<string, string>): Probe => ({
    name,
    method: 'GET',
    path,
    headers,
    body: 'exact',
    eventId: 'evt_verify_probe',
  });
  const credential: Record<string, string> | undefined =
    token !== undefined
      ? { authorization: `Bearer ${token}` }
      : apiKey !== undefined && apiKeyHeader !== undefined
        ? { [apiKeyHeader.toLowerCase()]: apiKey }
        : undefined;
  const needs = 'needs --token or --api-key';
  const probes: Probe[] = [
    event('no credentials', {}),
    event('another scheme', { authorization: 'Basic dmVyaWZ5OnZlcmlmeQ==' }),
    event('empty token', { authorization: 'Bearer' }),
    event('rejected token', { authorization: 'Bearer invalid' }),
  ];
  for (const id of input.eventIds) {
    const onId = (name: string, headers: Record<string, string>, skip?: string) =>
      probes.push({
        name,
        method: 'GET',
        path: eventPath(pathTemplate, id),
        headers,
        body: 'fields',
        eventId: id,
        ...(skip === undefined ? {} : { skip }),
      });
    if (token !== undefined) onId(`token on ${id}`, { authorization: `Bearer ${token}` });
    if (apiKey !== undefined && apiKeyHeader !== undefined)
      onId(`API key on ${id}`, { [apiKeyHeader.toLowerCase()]: apiKey });
    if (credential === undefined) onId(`event ${id}`, {}, needs);
  }
  probes.push(
    {
      name: 'unknown id',
      method: 'GET',
      path: eventPath(pathTemplate, UNKNOWN_ID),
      headers: { ...credential, prefer: 'code=404' },
      body: 'exact',
      eventId: UNKNOWN_ID,
      ...(credential === undefined ? { skip: needs } : {}),
    },
    {
      name: 'unknown path',
      method: 'GET',
      path: `${pathTemplate.replace(/\/[^/]*$/, '')}-verify-no-such-route`,
      headers: {},
      body: 'exact',
    },
    { name: 'another method (HEAD)', method: 'HEAD', path, headers: {}, body: 'none' },
    { name: 'trailing slash', method: 'GET', path: `${path}/`, headers: {}, body: 'exact' },
    {
      name: 'CORS preflight',
      method: 'OPTIONS',
      path,
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
      body: 'exact',
    },
    event('CORS on an answer', { origin: ORIGIN }),
  );
  if (input.openapiUrl !== null)
    probes.push({ name: 'spec', method: 'GET', path: input.openapiUrl, headers: {}, body: 'none' });
  if (input.openapiUrl !== null && input.docsUrl !== null)
    probes.push({
      name: 'docs page',
      method: 'GET',
      path: input.docsUrl,
      headers: {},
      body: 'none',
    });
  return probes;
}
