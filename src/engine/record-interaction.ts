import type { Answer } from '../core/answer.js';
import type { Fault } from '../core/fault.js';
import type { MockRequest } from '../core/mock-request.js';
import { standaloneBuffer } from '../core/standalone-buffer.js';
import type { InteractionLog } from '../state/interaction-log.js';
import { MAX_INTERACTION_BODY } from '../state/interaction-log.js';
import type { CredentialKind } from './credential-kind.js';
import { bearerToken } from './credential-kind.js';
import { KNOWN_PREFERENCES } from './read-preferences.js';

/** Placeholders written instead of the credentials a consumer sent. */
export const EXAMPLE_TOKEN = 'pact-example-token';
export const EXAMPLE_API_KEY = 'pact-example-key';

/** The query parameters that steer the mock; the real provider ignores them, so the pact leaves them out. */
const CONTROLS = new Set([...KNOWN_PREFERENCES.map((name) => `__${name}`), '__duration']);
/** Request headers a provider reads, besides credentials. */
const REQUEST_HEADERS = [
  'accept',
  'origin',
  'access-control-request-method',
  'access-control-request-headers',
];
/** Response headers that belong to the contract. */
const RESPONSE_HEADERS = [
  'content-type',
  'www-authenticate',
  'retry-after',
  'allow',
  'location',
  'access-control-allow-origin',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-max-age',
];
/** Methods by number, for the shape of an interaction; any other method is named in its key. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const CREDENTIALS: readonly (CredentialKind | null)[] = [
  null,
  'unchecked',
  'bearer',
  'api-key',
  'none',
  'other-scheme',
  'empty-token',
  'expired-token',
  'rejected',
];
/** Exchanges a pact cannot describe: the consumer got no complete HTTP answer. */
const BROKEN: ReadonlySet<Fault> = new Set([
  'connection-reset',
  'empty-response',
  'malformed-body',
]);

const HASHES = new WeakMap<Buffer, string>();

/** A short FNV-1a hash of a body, kept per buffer (fixtures and cached answers are hashed once). */
function bodyHash(body: Buffer): string {
  let hash = HASHES.get(body);
  if (hash === undefined) {
    let value = 0x811c9dc5;
    for (const byte of body) value = Math.imul(value ^ byte, 0x01000193);
    hash = `${body.length}:${(value >>> 0).toString(36)}`;
    HASHES.set(body, hash);
  }
  return hash;
}

function withoutControls(query: string): string {
  if (query === '') return '';
  const params = new URLSearchParams(query);
  for (const name of [...params.keys()]) if (CONTROLS.has(name)) params.delete(name);
  return params.toString();
}

/** Credentials as placeholders that authenticate (or fail) the same way, never the values sent. */
function credentialHeaders(
  headers: MockRequest['headers'],
  apiKeyHeader: string | undefined,
  credential: CredentialKind | null,
): Record<string, string> {
  const out: Record<string, string> = {};
  const authorization = headers['authorization'];
  const keyName = apiKeyHeader?.toLowerCase();
  const key = keyName === undefined ? undefined : headers[keyName];
  const bearer = bearerToken(authorization) !== undefined;
  if (authorization !== undefined) {
    const scheme = authorization.split(' ')[0] ?? '';
    out['authorization'] = bearer ? `Bearer ${EXAMPLE_TOKEN}` : `${scheme} cGFjdDpleGFtcGxl`;
  }
  if (keyName !== undefined && key !== undefined) out[keyName] = key === '' ? '' : EXAMPLE_API_KEY;
  if (credential === 'empty-token') out['authorization'] = 'Bearer';
  if (credential === 'expired-token') out['authorization'] = 'Bearer expired';
  if (credential === 'rejected') {
    if (bearer) out['authorization'] = 'Bearer invalid';
    else if (keyName !== undefined) out[keyName] = 'invalid';
  }
  return out;
}

function pick(headers: Readonly<Record<string, string | undefined>>, names: readonly string[]) {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = headers[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/**
 * Keeps the request as a distinct interaction for the pact export, unless its session already
 * has one of the same shape and outcome: method, status outcome, credentials, body (generated
 * events are one shape whatever their id), query parameter names and whether a browser origin sent
 * it. Exchanges a fault broke, the mock's own 400s and its defects are left out.
 */
export function recordInteraction(
  log: InteractionLog,
  request: MockRequest,
  answer: Answer,
  context: {
    readonly session: string | null;
    readonly eventId: string | null;
    readonly credential: CredentialKind | null;
    readonly outcomes: readonly number[];
    readonly apiKeyHeader: string | undefined;
  },
): void {
  const { source } = answer;
  if (answer.fault !== undefined && BROKEN.has(answer.fault)) return;
  if (source === 'preferences' || source === 'contract-violation' || source === 'provider-route')
    return;
  // The Pact verifier follows redirects, so a 307 cannot be verified as such; a JSON 500 from the
  // router is the mock's own defect.
  if (source === 'router' && (answer.status === 500 || answer.status === 307)) return;
  const { target, method, headers } = request;
  const at = target.indexOf('?');
  const query = at === -1 ? '' : withoutControls(target.slice(at + 1));
  // The body's key is a string kept per body buffer and the rest a small number, so the lookup
  // of a known shape hashes no fresh string.
  let body = answer.covers ? 'generated' : bodyHash(answer.body);
  const methodIndex = METHODS.indexOf(method);
  if (methodIndex === -1) body = `${body} ${method}`;
  if (query !== '') body = `${body}?${[...new URLSearchParams(query).keys()].sort().join('&')}`;
  const outcome = context.outcomes[0] ?? 0;
  const credential = CREDENTIALS.indexOf(context.credential);
  const origin = headers['origin'] === undefined ? 0 : 1;
  const shape = ((outcome * 16 + credential) * 8 + methodIndex + 1) * 2 + origin;
  if (log.has(context.session, body, shape)) return;
  const requestHeaders = pick(headers, REQUEST_HEADERS);
  // Any client sends `*/*` by default (the verifier too): it tells the provider nothing.
  if (requestHeaders['accept'] === '*/*') delete requestHeaders['accept'];
  log.add({
    shapeKey: body,
    shapeCode: shape,
    method,
    path: at === -1 ? target : target.slice(0, at),
    query,
    requestHeaders: {
      ...requestHeaders,
      ...credentialHeaders(headers, context.apiKeyHeader, context.credential),
    },
    credential: context.credential,
    eventId: context.eventId,
    status: answer.status,
    responseHeaders: pick(answer.headers, RESPONSE_HEADERS),
    generated: answer.covers !== undefined,
    body:
      method === 'HEAD' || answer.body.length > MAX_INTERACTION_BODY
        ? undefined
        : standaloneBuffer(answer.body),
    source,
    outcomes: context.outcomes,
    session: context.session,
  });
}
