import type { OutcomeCatalog } from '../contract/outcome-catalog.js';
import { eventCoverage } from '../contract/outcome-catalog.js';
import type { Answer } from '../core/answer.js';
import type { Fault } from '../core/fault.js';
import { isRecord } from '../core/is-record.js';
import type { MockRequest } from '../core/mock-request.js';
import { INVALID_CREDENTIALS } from './authenticate.js';
import type { CredentialKind } from './credential-kind.js';

/** The catalog indices classification uses, looked up once per catalog. */
function indicesOf(catalog: OutcomeCatalog) {
  const at = (id: string) => catalog.indexOf(id);
  return {
    event: at('200-event'),
    notAuthenticated: at('401-not-authenticated'),
    invalidCredentials: at('401-invalid-credentials'),
    eventNotFound: at('404-event-not-found'),
    noRoute: at('404-no-route'),
    methodNotAllowed: at('405-method-not-allowed'),
    redirect: at('307-trailing-slash'),
    validationError: at('422-validation-error'),
    rateLimited: at('429-rate-limited'),
    internalError: at('500-internal-error'),
    forbidden: at('403-forbidden'),
    badGateway: at('502-bad-gateway'),
    unavailable: at('503-unavailable'),
    gatewayTimeout: at('504-gateway-timeout'),
    otherStatus: at('other-status'),
    preflight: at('cors-preflight'),
    preflightRefused: at('cors-preflight-refused'),
    corsActual: at('cors-actual-response'),
    credential: {
      bearer: at('auth-bearer'),
      'api-key': at('auth-api-key'),
      none: at('auth-no-credentials'),
      'other-scheme': at('auth-other-scheme'),
      'empty-token': at('auth-empty-token'),
      'expired-token': at('auth-expired-token'),
      rejected: at('auth-rejected-credentials'),
      unchecked: -1,
    } satisfies Record<CredentialKind, number>,
    fixture: at('mock-fixture'),
    generated: at('mock-generated'),
    responseFixture: at('mock-response-fixture'),
    preference: at('mock-preference'),
    scenario: at('mock-scenario'),
    chaos: at('mock-chaos'),
    delay: at('mock-delay'),
    fault: (fault: Fault) => at(`fault-${fault}`),
    badPreference: at('mock-bad-preference'),
    defect: at('mock-defect'),
    /** What a body buffer covers, read once per buffer. */
    bodies: new WeakMap<Buffer, readonly number[]>(),
  };
}
type Indices = ReturnType<typeof indicesOf>;

const INDICES = new WeakMap<OutcomeCatalog, Indices>();

function byStatus(answer: Answer, at: Indices, catalog: OutcomeCatalog): number {
  switch (answer.status) {
    case 200:
      return at.event;
    case 401:
      return answer.body.equals(INVALID_CREDENTIALS.body)
        ? at.invalidCredentials
        : at.notAuthenticated;
    case 403:
      return at.forbidden;
    case 404:
      return at.eventNotFound;
    case 422:
      return at.validationError;
    case 429:
      return at.rateLimited;
    case 500:
      // Starlette's own 500 is plain text; a JSON one is not what the provider sends.
      return answer.headers['content-type']?.startsWith('text/plain')
        ? at.internalError
        : at.otherStatus;
    case 502:
      return at.badGateway;
    case 503:
      return at.unavailable;
    case 504:
      return at.gatewayTimeout;
    default:
      return catalog.declaredStatuses.get(answer.status) ?? at.otherStatus;
  }
}

/**
 * The outcome of the answer's status and shape, always the first outcome classified; `-1` for
 * FastAPI's built-in pages, which are no outcome of the operation.
 */
function statusOutcome(answer: Answer, at: Indices, catalog: OutcomeCatalog): number {
  switch (answer.source) {
    case 'cors':
      return answer.status === 200 ? at.preflight : at.preflightRefused;
    case 'provider-route':
      // FastAPI's own pages (/openapi.json, /docs, /redoc): not an outcome of the operation.
      return -1;
    case 'preferences':
      return at.badPreference;
    case 'contract-violation':
      return at.defect;
    case 'router':
      if (answer.status === 404) return at.noRoute;
      if (answer.status === 405) return at.methodNotAllowed;
      return answer.status === 307 ? at.redirect : at.defect;
    case 'fixture':
    case 'generated':
    case 'forced':
    case 'response-fixture':
    case 'scenario':
    case 'chaos':
    case 'auth':
      return byStatus(answer, at, catalog);
    default:
      throw new Error(`Unknown answer source "${String(answer.source satisfies never)}".`);
  }
}

/** What a 200 event body covers: worked out when it was built, else read once per body buffer. */
function bodyOutcomes(answer: Answer, at: Indices, catalog: OutcomeCatalog): readonly number[] {
  if (answer.covers) return answer.covers;
  let covered = at.bodies.get(answer.body);
  if (!covered) {
    let event: unknown;
    try {
      event = JSON.parse(answer.body.toString('utf8'));
    } catch {
      event = undefined;
    }
    covered = isRecord(event) ? eventCoverage(event, catalog) : [];
    at.bodies.set(answer.body, covered);
  }
  return covered;
}

/** Faults after which the consumer never saw the answer's status or body. */
const BROKEN: ReadonlySet<Fault> = new Set([
  'connection-reset',
  'empty-response',
  'malformed-body',
]);

/**
 * The outcomes one answered request met, as catalog indices: first its status and shape, then
 * how it authenticated (`credential`; `null` when it never reached authentication), what its body
 * covers, CORS, and the mock's mechanisms (source, preference, scenario, delay, fault). An exchange
 * a fault broke (the consumer saw no complete answer) meets only the fault and what asked for it
 * (a preference, a scenario, chaos). Reads no body except once per body buffer.
 */
export function classifyAnswer(
  request: MockRequest,
  answer: Answer,
  credential: CredentialKind | null,
  catalog: OutcomeCatalog,
): number[] {
  let at = INDICES.get(catalog);
  if (!at) {
    at = indicesOf(catalog);
    INDICES.set(catalog, at);
  }
  const outcomes: number[] = [];
  const broken = answer.fault !== undefined && BROKEN.has(answer.fault);
  if (!broken) {
    const status = statusOutcome(answer, at, catalog);
    if (status !== -1) outcomes.push(status);
    const auth = credential === null ? -1 : at.credential[credential];
    if (auth !== -1) outcomes.push(auth);
    const { source } = answer;
    // Only the operation's answers carry an event: FastAPI's own pages (the OpenAPI document)
    // cover no field.
    if (
      answer.status === 200 &&
      source !== 'cors' &&
      source !== 'router' &&
      source !== 'provider-route'
    )
      outcomes.push(...bodyOutcomes(answer, at, catalog));
    if (
      source !== 'cors' &&
      request.headers['origin'] !== undefined &&
      answer.headers['access-control-allow-origin'] !== undefined
    )
      outcomes.push(at.corsActual);
    if (source === 'fixture') outcomes.push(at.fixture);
    else if (source === 'generated') outcomes.push(at.generated);
    else if (source === 'response-fixture') outcomes.push(at.responseFixture);
  }
  if (answer.source === 'chaos') outcomes.push(at.chaos);
  if (answer.scenario !== undefined) outcomes.push(at.scenario);
  if (answer.headers['preference-applied'] !== undefined) outcomes.push(at.preference);
  if (answer.delayMs) outcomes.push(at.delay);
  if (answer.fault !== undefined) outcomes.push(at.fault(answer.fault));
  return outcomes;
}
