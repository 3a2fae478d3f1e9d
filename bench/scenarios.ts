import type { Request } from 'autocannon';

export type ServerName = 'ours' | 'prism' | 'prism-dynamic' | 'bare' | 'bare-http';

export const SCENARIO_NAMES = [
  'fixture',
  'generated-large',
  'generated-same',
  'unauthorized',
  'forced-422',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface Scenario {
  readonly name: ScenarioName;
  readonly summary: string;
  /** servers under load, in the order of even rounds (odd rounds reverse it) */
  readonly servers: readonly ServerName[];
  readonly headers: Readonly<Record<string, string>>;
  /** fresh autocannon requests for one run */
  requests(): Request[];
  /** the status each server should answer; a server missing here has no expectation */
  readonly expected: Partial<Record<ServerName, number>>;
  /** why a server's answer is not comparable with ours */
  readonly caveats: Partial<Record<ServerName, string>>;
}

const ROUTE = '/v1/audit/events/';
const AUTH = { authorization: 'Bearer any-token' };
const BASE_SERVERS: readonly ServerName[] = ['ours', 'prism', 'bare'];
export const FIXTURE_ID = 'evt_all_fields_set';
/** An id that is no fixture (checked at start against fixtures/events/). */
export const NOT_A_FIXTURE_ID = 'evt_bench_not_a_fixture';
const ID_SPACE = 10_000_000;

function fixed(id: string): () => Request[] {
  return () => [{ method: 'GET', path: ROUTE + id }];
}

function randomIds(): Request[] {
  return [
    {
      method: 'GET',
      setupRequest: (request) => ({
        ...request,
        path: `${ROUTE}evt_gen_${Math.floor(Math.random() * ID_SPACE)}`,
      }),
    },
  ];
}

export const SCENARIOS: Readonly<Record<ScenarioName, Scenario>> = {
  fixture: {
    name: 'fixture',
    summary: `GET ${ROUTE}${FIXTURE_ID} with a bearer token`,
    servers: BASE_SERVERS,
    headers: AUTH,
    requests: fixed(FIXTURE_ID),
    expected: { ours: 200, prism: 200, bare: 200 },
    caveats: { prism: 'static example, not the fixture' },
  },
  'generated-large': {
    name: 'generated-large',
    summary: `a random id out of ${ID_SPACE.toLocaleString('en')} per request`,
    servers: ['ours', 'prism', 'prism-dynamic', 'bare'],
    headers: AUTH,
    requests: randomIds,
    expected: { ours: 200, prism: 200, 'prism-dynamic': 200, bare: 200 },
    caveats: { bare: 'same fixed body for every id', prism: 'same static example for every id' },
  },
  'generated-same': {
    name: 'generated-same',
    summary: `GET ${ROUTE}${NOT_A_FIXTURE_ID} (no fixture) repeated`,
    servers: BASE_SERVERS,
    headers: AUTH,
    requests: fixed(NOT_A_FIXTURE_ID),
    expected: { ours: 200, prism: 200, bare: 200 },
    caveats: { prism: 'static example' },
  },
  unauthorized: {
    name: 'unauthorized',
    summary: 'no Authorization header',
    servers: BASE_SERVERS,
    headers: {},
    requests: fixed(FIXTURE_ID),
    expected: { ours: 401, prism: 401, bare: 200 },
    caveats: { bare: 'no auth check: answers its normal 200' },
  },
  'forced-422': {
    name: 'forced-422',
    summary: 'Prefer: code=422 with a bearer token',
    servers: BASE_SERVERS,
    headers: { ...AUTH, prefer: 'code=422' },
    requests: fixed(FIXTURE_ID),
    expected: { ours: 422, prism: 422, bare: 200 },
    caveats: { bare: 'ignores Prefer: answers its normal 200' },
  },
};
