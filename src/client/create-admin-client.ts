import { MockError } from '../core/mock-error.js';
import type {
  AdminClient,
  AdminClientOptions,
  ClearScope,
  JournalFilters,
  PactRequest,
} from './admin-client.js';
import { AdminRequestError } from './admin-request-error.js';

const ADMIN_PREFIX = '/__mock';

/** The admin API's root for the mock at `url`; throws a usage error for a url that is not one. */
function adminRoot(url: string): string {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed?.protocol !== 'http:' && parsed?.protocol !== 'https:')
    throw new MockError(
      'OPTIONS_INVALID',
      `createAdminClient: url must be the mock's http:// address, as RunningServer.url gives it (such as http://127.0.0.1:4010); got "${url}".`,
    );
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}${ADMIN_PREFIX}`;
}

function queryOf(filters: JournalFilters): string {
  const query = new URLSearchParams();
  if (filters.eventId !== undefined) query.set('eventId', filters.eventId);
  if (filters.status !== undefined) query.set('status', String(filters.status));
  if (filters.session !== undefined) query.set('session', filters.session);
  if (filters.since !== undefined)
    query.set('since', filters.since instanceof Date ? filters.since.toISOString() : filters.since);
  if (filters.limit !== undefined) query.set('limit', String(filters.limit));
  if (filters.before !== undefined) query.set('before', String(filters.before));
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

const allQuery = (scope: ClearScope) => (scope.all === true ? '?all=true' : '');

function pactQuery(request: PactRequest): string {
  const query = new URLSearchParams();
  if (request.consumer !== undefined) query.set('consumer', request.consumer);
  if (request.provider !== undefined) query.set('provider', request.provider);
  if (request.version !== undefined) query.set('version', String(request.version));
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

/** What an answer that is not a success says: its `detail`, else its text. */
async function detailOf(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && 'detail' in body) return body.detail;
  } catch {
    // Not JSON (a proxy's page, say): the text says what happened.
  }
  return text === '' ? res.statusText : text;
}

/**
 * A typed client of a mock's admin API: scenarios, run-time fixtures, the request journal, default
 * preferences, contract coverage, the pact and its provider states, and resets, for one session
 * (or the global state) and with the admin token when one is needed.
 * @throws MockError (`OPTIONS_INVALID`) for a `url` that is not an http(s) address
 * @example
 * const admin = createAdminClient({ url: server.url, session: 'worker-1' });
 * await admin.addScenario({ match: { eventId: 'evt_42' }, steps: [{ status: 503, times: 2 }] });
 * const journal = await admin.listRequests({ eventId: 'evt_42' });
 */
export function createAdminClient(options: AdminClientOptions): AdminClient {
  const root = adminRoot(options.url);
  const send = options.fetch ?? globalThis.fetch;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.session !== undefined) headers['x-mock-session'] = options.session;
  if (options.token !== undefined) headers['x-mock-admin-token'] = options.token;

  async function call(method: string, path: string, body?: unknown): Promise<Response> {
    const name = `${method} ${ADMIN_PREFIX}${path}`;
    let res: Response;
    try {
      res = await send(`${root}${path}`, {
        method,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new AdminRequestError(
        name,
        undefined,
        `cannot reach the admin API at ${root} (${reason}); check that the mock runs at ${options.url}.`,
        { cause: error },
      );
    }
    if (!res.ok) throw new AdminRequestError(name, res.status, await detailOf(res));
    return res;
  }
  // The answers are the admin API's, as its JSON Schemas declare them.
  const json = async <T>(method: string, path: string, body?: unknown): Promise<T> =>
    (await (await call(method, path, body)).json()) as T;
  const none = async (method: string, path: string): Promise<void> => {
    await (await call(method, path)).arrayBuffer();
  };
  const id = (value: string) => encodeURIComponent(value);

  return {
    session: options.session,
    health: () => json('GET', '/health'),
    listFixtures: () => json('GET', '/fixtures'),
    getFixture: (fixture) => json('GET', `/fixtures/${id(fixture)}`),
    putFixture: (fixture, definition) => json('PUT', `/fixtures/${id(fixture)}`, definition),
    deleteFixture: (fixture) => none('DELETE', `/fixtures/${id(fixture)}`),
    addScenario: (scenario) => json('POST', '/scenarios', scenario),
    listScenarios: () => json('GET', '/scenarios'),
    deleteScenario: (scenario) => none('DELETE', `/scenarios/${id(scenario)}`),
    deleteScenarios: () => none('DELETE', '/scenarios'),
    listRequests: (filters = {}) => json('GET', `/requests${queryOf(filters)}`),
    clearRequests: (scope = {}) => none('DELETE', `/requests${allQuery(scope)}`),
    getPreferences: () => json('GET', '/preferences'),
    setPreferences: (preferences) => json('PUT', '/preferences', preferences),
    clearPreferences: () => none('DELETE', '/preferences'),
    coverage: () => json('GET', '/coverage'),
    clearCoverage: () => none('DELETE', '/coverage'),
    pact: (request = {}) => json('GET', `/pact${pactQuery(request)}`),
    setProviderState: (change) => json('POST', '/provider-states', change),
    reset: (scope = {}) => none('POST', `/reset${allQuery(scope)}`),
  };
}
