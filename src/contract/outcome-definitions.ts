import { FAULTS } from '../core/fault.js';
import type { Fault } from '../core/fault.js';
import type { EventField } from './compile-contract.js';
import type { Outcome, OutcomeBasis, OutcomeGroup } from './outcome.js';

const AUTH = "-H 'Authorization: Bearer any-token'";
const EVENT = '{base}/v1/audit/events/any-id';
const ORIGIN = "-H 'Origin: http://localhost:5173'";
const curl = (headers: string, url = EVENT) => `curl ${headers ? `${headers} ` : ''}${url}`;
const prefer = (value: string) => curl(`${AUTH} -H 'Prefer: ${value}'`);
const scenario = (steps: string) =>
  `POST {base}/__mock/scenarios {"match":{"eventId":"any-id"},"steps":${steps}}, then ${curl(AUTH)}`;

/** An outcome; contract unless its basis is the mock. */
function outcome(
  group: OutcomeGroup,
  id: string,
  basis: OutcomeBasis,
  title: string,
  howTo: string,
): Outcome {
  return { id, kind: basis === 'mock' ? 'mock-only' : 'contract', group, basis, title, howTo };
}
const status = (...row: [string, OutcomeBasis, string, string]) => outcome('status', ...row);
const auth = (...row: [string, OutcomeBasis, string, string]) => outcome('auth', ...row);
const cors = (...row: [string, OutcomeBasis, string, string]) => outcome('cors', ...row);
const mock = (id: string, title: string, howTo: string) =>
  outcome('mock', id, 'mock', title, howTo);

/** The answers of the provider (and of gateways in front of it) by status. */
export const STATUS_OUTCOMES: readonly Outcome[] = [
  status('200-event', 'spec', '200 with an AuditEventResponse', curl(AUTH)),
  status(
    '401-not-authenticated',
    'provider',
    '401 {"detail":"Not authenticated"}, www-authenticate: Bearer',
    curl(''),
  ),
  status(
    '401-invalid-credentials',
    'provider',
    '401 {"detail":"Could not validate credentials"}, www-authenticate: Bearer',
    curl("-H 'Authorization: Bearer expired'"),
  ),
  status(
    '404-event-not-found',
    'provider',
    'the handler\'s 404 {"detail":"Audit event not found"}',
    prefer('code=404'),
  ),
  status(
    '404-no-route',
    'provider',
    'the router\'s 404 {"detail":"Not Found"} for an unknown path',
    curl(AUTH, '{base}/v1/audit/nope'),
  ),
  status(
    '405-method-not-allowed',
    'provider',
    '405 {"detail":"Method Not Allowed"} with allow: GET',
    curl(`-X DELETE ${AUTH}`),
  ),
  status(
    '307-trailing-slash',
    'provider',
    '307 to the URL without its trailing slash',
    curl('-i', `${EVENT}/`),
  ),
  status(
    '422-validation-error',
    'spec',
    '422 HTTPValidationError about event_id',
    curl(`${AUTH} -H 'Prefer: code=422'`, '{base}/v1/audit/events/not-a-uuid'),
  ),
  status(
    '429-rate-limited',
    'provider',
    '429 {"detail":"Too Many Requests"} with retry-after',
    prefer('code=429'),
  ),
  status(
    '500-internal-error',
    'provider',
    '500 Internal Server Error as plain text, without CORS headers',
    prefer('code=500'),
  ),
  status(
    '403-forbidden',
    'mock',
    '403 {"detail":"Not enough permissions"} (not documented for the provider)',
    prefer('code=403'),
  ),
  status(
    '502-bad-gateway',
    'mock',
    '502 {"detail":"Bad Gateway"} from a gateway',
    prefer('code=502'),
  ),
  status(
    '503-unavailable',
    'mock',
    '503 {"detail":"Service Unavailable"} with retry-after, from a gateway',
    prefer('code=503'),
  ),
  status(
    '504-gateway-timeout',
    'mock',
    '504 {"detail":"Gateway Timeout"} from a gateway',
    prefer('code=504'),
  ),
  status(
    'other-status',
    'mock',
    'a status the provider does not send, from a response fixture or a scenario body',
    scenario('[{"status":409,"body":{"detail":"Conflict"}}]'),
  ),
];

/** How a request authenticated, or why it was refused. */
export const AUTH_OUTCOMES: readonly Outcome[] = [
  auth('auth-bearer', 'spec', 'authenticated with a bearer token', curl(AUTH)),
  auth('auth-api-key', 'spec', 'authenticated with an API key', curl("-H 'X-API-Key: any-key'")),
  auth('auth-no-credentials', 'provider', 'no credentials: 401 "Not authenticated"', curl('')),
  auth(
    'auth-other-scheme',
    'provider',
    'a scheme other than Bearer: 401 "Not authenticated"',
    curl("-H 'Authorization: Basic dXNlcjpwYXNz'"),
  ),
  auth(
    'auth-empty-token',
    'provider',
    'an empty bearer token: 401 "Could not validate credentials"',
    curl("-H 'Authorization: Bearer'"),
  ),
  auth(
    'auth-expired-token',
    'provider',
    'an expired token: 401 "Could not validate credentials"',
    curl("-H 'Authorization: Bearer expired'"),
  ),
  auth(
    'auth-rejected-credentials',
    'provider',
    'a rejected token or API key: 401 "Could not validate credentials"',
    curl("-H 'Authorization: Bearer invalid'"),
  ),
];

/** Starlette's CORS middleware. */
export const CORS_OUTCOMES: readonly Outcome[] = [
  cors(
    'cors-preflight',
    'provider',
    'a CORS preflight: 200 OK',
    curl(`-X OPTIONS ${ORIGIN} -H 'Access-Control-Request-Method: GET'`),
  ),
  cors(
    'cors-preflight-refused',
    'provider',
    'a preflight from an origin not allowed: 400 Disallowed CORS origin',
    curl(
      "-X OPTIONS -H 'Origin: http://not-allowed.example' -H 'Access-Control-Request-Method: GET'",
    ),
  ),
  cors(
    'cors-actual-response',
    'provider',
    'an answer to a browser origin, with access-control-allow-origin',
    curl(`${AUTH} ${ORIGIN}`),
  ),
];

const FAULT_TITLES: Readonly<Record<Fault, string>> = {
  'connection-reset': 'a network fault: the connection is reset',
  'empty-response': 'a network fault: the connection closes without an answer',
  'malformed-body': 'a body cut half way',
  'slow-body': 'a body dribbled out slowly',
};

/** The mock's own mechanisms and resilience aids. */
export const MOCK_OUTCOMES: readonly Outcome[] = [
  mock(
    'mock-fixture',
    '200 from an event fixture',
    `PUT {base}/__mock/fixtures/<id> an event, then ${curl(AUTH, '{base}/v1/audit/events/<id>')}`,
  ),
  mock('mock-generated', '200 with a generated event', curl(AUTH)),
  mock(
    'mock-response-fixture',
    'an answer pinned to the id by a response fixture',
    `PUT {base}/__mock/fixtures/<id> {"status":404,"body":{"detail":"Audit event not found"}}, then ${curl(AUTH, '{base}/v1/audit/events/<id>')}`,
  ),
  mock(
    'mock-preference',
    'an answer chosen with Prefer or a __code, __example, ... query parameter',
    prefer('code=404'),
  ),
  mock(
    'mock-scenario',
    'an answer played by a scenario',
    scenario('[{"status":503},{"status":200}]'),
  ),
  mock('mock-chaos', 'a random failure of --chaos', `start with --chaos 0.5, then ${curl(AUTH)}`),
  mock(
    'mock-delay',
    'a slow answer (a delay from Prefer, a fixture, a scenario or --latency)',
    prefer('delay=1500'),
  ),
  ...FAULTS.map((fault) => mock(`fault-${fault}`, FAULT_TITLES[fault], prefer(`fault=${fault}`))),
  mock('mock-bad-preference', '400 for a preference the mock cannot honour', prefer('code=299')),
  mock(
    'mock-defect',
    "a JSON 500 for the mock's own defect (never expected)",
    'none: it reports a defect of the mock',
  ),
];

/** A field's outcomes: null and set, or (for an any-value field) object, array, scalar and null. */
export function fieldOutcomes(field: EventField): Outcome[] {
  const { name } = field;
  const row = (suffix: string, what: string) =>
    outcome(
      'body',
      `field-${name}-${suffix}`,
      'spec',
      `200 with ${name} ${what}`,
      `PUT {base}/__mock/fixtures/<id> an event whose ${name} is ${what}, then ${curl(AUTH, '{base}/v1/audit/events/<id>')}`,
    );
  switch (field.nullability) {
    case 'required':
      return [];
    case 'nullable':
      return [row('null', 'null'), row('set', 'set')];
    case 'any-or-null':
      return [
        row('object', 'an object'),
        row('array', 'an array'),
        row('scalar', 'a string, number or boolean'),
        row('null', 'null'),
      ];
    default:
      throw new Error(`Unknown nullability "${String(field.nullability satisfies never)}".`);
  }
}

/** A status the spec declares beyond the modelled ones. */
export function declaredStatusOutcome(code: number): Outcome {
  return status(
    `${code}-declared`,
    'spec',
    `${code}, declared by the spec`,
    scenario(`[{"status":${code},"body":{"detail":"..."}}]`),
  );
}
