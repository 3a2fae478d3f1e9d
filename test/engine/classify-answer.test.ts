import { describe, expect, it } from 'vitest';
import { outcomeCatalog } from '../../src/contract/outcome-catalog.js';
import type { Answer } from '../../src/core/answer.js';
import type { MockRequest } from '../../src/core/mock-request.js';
import { INVALID_CREDENTIALS } from '../../src/engine/authenticate.js';
import { classifyAnswer } from '../../src/engine/classify-answer.js';
import type { CredentialKind } from '../../src/engine/credential-kind.js';
import { testEngine } from '../helpers/engine.js';

const catalog = outcomeCatalog(testEngine().contract);
const JSON_TYPE = { 'content-type': 'application/json' };
const PLAIN = { 'content-type': 'text/plain; charset=utf-8' };
const DETAIL = Buffer.from('{"detail":"x"}');

/** The outcome ids one answer counts as, for a request with these headers. */
function ids(
  answer: Partial<Answer> & Pick<Answer, 'status' | 'source'>,
  credential: CredentialKind | null = null,
  headers: MockRequest['headers'] = {},
): (string | undefined)[] {
  const full: Answer = { headers: JSON_TYPE, body: DETAIL, ...answer };
  return classifyAnswer({ method: 'GET', target: '/', headers }, full, credential, catalog).map(
    (index) => catalog.outcomes[index]?.id,
  );
}

describe('what an answer is counted as, by its status', () => {
  it.each([
    [401, 'auth', DETAIL, JSON_TYPE, '401-not-authenticated'],
    [401, 'auth', INVALID_CREDENTIALS.body, JSON_TYPE, '401-invalid-credentials'],
    [403, 'forced', DETAIL, JSON_TYPE, '403-forbidden'],
    [404, 'fixture', DETAIL, JSON_TYPE, '404-event-not-found'],
    [422, 'forced', DETAIL, JSON_TYPE, '422-validation-error'],
    [429, 'forced', DETAIL, JSON_TYPE, '429-rate-limited'],
    [500, 'forced', DETAIL, PLAIN, '500-internal-error'],
    [500, 'forced', DETAIL, {}, 'other-status'],
    [502, 'forced', DETAIL, JSON_TYPE, '502-bad-gateway'],
    [503, 'forced', DETAIL, JSON_TYPE, '503-unavailable'],
    [504, 'forced', DETAIL, JSON_TYPE, '504-gateway-timeout'],
    [418, 'forced', DETAIL, JSON_TYPE, 'other-status'],
  ] as const)('a %i (%s) counts as its outcome', (status, source, body, headers, expected) => {
    expect(ids({ status, source, body, headers })[0]).toBe(expected);
  });

  it.each([
    [404, '404-no-route'],
    [405, '405-method-not-allowed'],
    [307, '307-trailing-slash'],
    [500, 'mock-defect'],
  ] as const)('a %i of the router counts as %s', (status, expected) => {
    expect(ids({ status, source: 'router' })).toEqual([expected]);
  });

  it('a refused preflight, an accepted one, a bad preference and a defect', () => {
    expect(ids({ status: 200, source: 'cors', headers: {} })).toEqual(['cors-preflight']);
    expect(ids({ status: 400, source: 'cors', headers: {} })).toEqual(['cors-preflight-refused']);
    expect(ids({ status: 400, source: 'preferences' })).toEqual(['mock-bad-preference']);
    expect(ids({ status: 500, source: 'contract-violation' })).toEqual(['mock-defect']);
    expect(ids({ status: 404, source: 'provider-route' })).toEqual([]);
  });
});

describe('what else an answer is counted as', () => {
  it.each([
    ['bearer', 'auth-bearer'],
    ['api-key', 'auth-api-key'],
    ['none', 'auth-no-credentials'],
    ['other-scheme', 'auth-other-scheme'],
    ['empty-token', 'auth-empty-token'],
    ['expired-token', 'auth-expired-token'],
    ['rejected', 'auth-rejected-credentials'],
  ] as const)('credentials %s count as %s', (credential, expected) => {
    expect(ids({ status: 401, source: 'auth' }, credential)).toEqual([
      '401-not-authenticated',
      expected,
    ]);
  });

  it('unchecked credentials count as nothing', () => {
    expect(ids({ status: 401, source: 'auth' }, 'unchecked')).toEqual(['401-not-authenticated']);
  });

  it.each([
    ['fixture', 'mock-fixture'],
    ['generated', 'mock-generated'],
    ['response-fixture', 'mock-response-fixture'],
  ] as const)('an answer of a %s counts as %s', (source, expected) => {
    expect(ids({ status: 404, source })).toEqual(['404-event-not-found', expected]);
  });

  it('the mechanisms: chaos, scenario, preference, delay and each fault', () => {
    expect(
      ids({
        status: 503,
        source: 'chaos',
        scenario: 'outage',
        headers: { ...JSON_TYPE, 'preference-applied': 'status=503' },
        delayMs: 5,
        fault: 'slow-body',
      }),
    ).toEqual([
      '503-unavailable',
      'mock-chaos',
      'mock-scenario',
      'mock-preference',
      'mock-delay',
      'fault-slow-body',
    ]);
    expect(ids({ status: 200, source: 'forced', delayMs: 0, covers: [] })).toEqual(['200-event']);
  });

  it.each(['connection-reset', 'empty-response', 'malformed-body'] as const)(
    'an exchange broken by %s counts only its fault and what asked for it',
    (fault) => {
      expect(ids({ status: 200, source: 'chaos', fault, covers: [] }, 'bearer')).toEqual([
        'mock-chaos',
        `fault-${fault}`,
      ]);
    },
  );

  it('a slow body is not broken: the answer counts whole', () => {
    expect(ids({ status: 404, source: 'fixture', fault: 'slow-body' }, 'bearer')).toEqual([
      '404-event-not-found',
      'auth-bearer',
      'mock-fixture',
      'fault-slow-body',
    ]);
  });

  it('a 200 of the router or of a preflight covers no body', () => {
    const body = Buffer.from(JSON.stringify({ id: 'x', vm_id: null }));
    expect(ids({ status: 200, source: 'router', body })).toEqual(['mock-defect']);
    expect(ids({ status: 200, source: 'cors', body, headers: {} })).toEqual(['cors-preflight']);
    expect(ids({ status: 200, source: 'forced', body })).toContain('field-vm_id-null');
  });

  it('FastAPI’s OpenAPI document is no event: it covers no field', () => {
    const engine = testEngine();
    const request: MockRequest = { method: 'GET', target: '/openapi.json', headers: {} };
    const { answer } = engine.handle(request);
    expect(answer.source).toBe('provider-route');
    expect(classifyAnswer(request, answer, null, outcomeCatalog(engine.contract))).toEqual([]);
  });

  it('a 200 whose body is not JSON covers nothing', () => {
    expect(ids({ status: 200, source: 'forced', body: Buffer.from('{') })).toEqual(['200-event']);
  });

  it('a cross-origin answer counts as one only with an origin and an allowed origin', () => {
    const allowed = { ...JSON_TYPE, 'access-control-allow-origin': '*' };
    const origin = { origin: 'https://app.test' };
    const answer = { status: 404, source: 'forced', headers: allowed } as const;
    expect(ids(answer, null, origin)).toEqual(['404-event-not-found', 'cors-actual-response']);
    expect(ids(answer)).toEqual(['404-event-not-found']);
    expect(ids({ ...answer, headers: JSON_TYPE }, null, origin)).toEqual(['404-event-not-found']);
    expect(ids({ status: 200, source: 'cors', headers: allowed }, null, origin)).toEqual([
      'cors-preflight',
    ]);
  });
});
