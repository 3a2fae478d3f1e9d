import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerWithGenerated } from '../../src/engine/answer-with-event.js';
import { checkedValidationError } from '../../src/engine/checked-validation-error.js';
import { chaosAnswer, stepAnswer } from '../../src/engine/choose-answer.js';
import { forcedAnswer } from '../../src/engine/forced-answer.js';
import { parsePreferHeader } from '../../src/engine/parse-prefer-header.js';
import { headerValue } from '../../src/engine/read-preferences.js';
import { sampleLatency } from '../../src/engine/sample-latency.js';
import { FORCED_STATUSES, isForcedFailure } from '../../src/core/forced-status.js';
import { createRandom } from '../../src/generator/random.js';
import type { ScenarioStep } from '../../src/state/scenario.js';
import { testEngine } from '../helpers/engine.js';
import { SPEC_FILE } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp-dir.js';

const engine = testEngine();
const sources = () => ({
  contract: engine.contract,
  generate: engine.generate,
  serialize: engine.serialize,
  generated: engine.generated,
  fixtures: engine.state.lookup(engine.files, null),
});
const step = (changes: Partial<ScenarioStep>): ScenarioStep => ({
  status: undefined,
  answer: undefined,
  fixture: undefined,
  delayMs: undefined,
  fault: undefined,
  durationMs: undefined,
  headers: undefined,
  times: 1,
  ...changes,
});

/** An engine whose spec limits ids to 8 characters and validation errors to one-item `loc`s. */
function strictEngine() {
  const spec = JSON.parse(readFileSync(SPEC_FILE, 'utf8'));
  spec.components.schemas.AuditEventResponse.properties.id.maxLength = 8;
  spec.components.schemas.ValidationError.properties.loc.maxItems = 1;
  const dir = tempDir({ 'openapi.json': JSON.stringify(spec) });
  return testEngine({ spec: `${dir}/openapi.json`, fixtures: tempDir() });
}

describe('answers built from a contract that the mock would break', () => {
  const strict = strictEngine();
  const strictSources = {
    contract: strict.contract,
    generate: strict.generate,
    serialize: strict.serialize,
    fixtures: strict.state.lookup(strict.files, null),
  };

  it('a generated event that breaks the spec becomes a 500 naming the violation', () => {
    const answer = answerWithGenerated('much-longer-than-eight', strictSources);
    expect([answer.status, answer.source]).toEqual([500, 'contract-violation']);
    expect(JSON.parse(answer.body.toString()).detail).toMatch(
      /^The mock generated a response that breaks the spec \(a defect of the mock, please report it\): \/id: must NOT have more than 8 characters \(rule: maxLength\)$/,
    );
    expect(answer.violations).toEqual([
      expect.objectContaining({ pointer: '/id', rule: 'maxLength' }),
    ]);
    expect(answerWithGenerated('short', strictSources).status).toBe(200);
  });

  it('a 422 body that breaks the spec becomes a 500 naming the violation', () => {
    const answer = checkedValidationError(
      { detail: [{ type: 'missing', loc: ['path', 'event_id'], msg: 'Field required' }] },
      strict.contract,
      'forced',
    );
    expect([answer.status, answer.source]).toEqual([500, 'contract-violation']);
    expect(JSON.parse(answer.body.toString()).detail).toMatch(
      /^The mock built a 422 body that breaks the spec \(a defect of the mock, please report it\): \/detail\/0\/loc: /,
    );
    expect(answer.violations?.length).toBeGreaterThan(0);
  });
});

describe('generated answers are cached once an id is asked for again', () => {
  it('serves the cached answer, the same object, the third time', () => {
    const fresh = testEngine();
    const own = { ...sources(), generate: fresh.generate, generated: fresh.generated };
    const first = answerWithGenerated('evt_hot', own);
    const second = answerWithGenerated('evt_hot', own);
    expect(second).not.toBe(first);
    expect(answerWithGenerated('evt_hot', own)).toBe(fresh.generated.get('evt_hot'));
    expect(fresh.generated.get('evt_hot')?.body.toString()).toBe(first.body.toString());
  });
});

describe('forced answers: the provider’s bodies, marked as forced', () => {
  it.each(FORCED_STATUSES.filter(isForcedFailure))('%i', (code) => {
    const answer = forcedAnswer(code, 'e1', engine.contract);
    expect([answer.status, answer.source]).toEqual([code, 'forced']);
    const expected: Record<number, [string, Record<string, string>]> = {
      401: ['{"detail":"Not authenticated"}', { 'www-authenticate': 'Bearer' }],
      403: ['{"detail":"Not enough permissions"}', {}],
      404: ['{"detail":"Audit event not found"}', {}],
      429: ['{"detail":"Too Many Requests"}', { 'retry-after': '30' }],
      502: ['{"detail":"Bad Gateway"}', {}],
      503: ['{"detail":"Service Unavailable"}', { 'retry-after': '30' }],
      504: ['{"detail":"Gateway Timeout"}', {}],
    };
    const [body, headers] = expected[code] ?? ['', {}];
    if (code === 500) {
      expect(answer.body.toString()).toBe('Internal Server Error');
      expect(answer.headers).toEqual({ 'content-type': 'text/plain; charset=utf-8' });
      expect(answer.cors).toBe(false);
    } else if (code === 422) {
      expect(JSON.parse(answer.body.toString()).detail[0].loc).toEqual(['path', 'event_id']);
    } else {
      expect(answer.body.toString()).toBe(body);
      expect(answer.headers).toEqual({ 'content-type': 'application/json', ...headers });
      expect(answer.cors).toBeUndefined();
    }
  });
});

describe('scenario steps', () => {
  it('answer with a fixture, or the id’s normal answer when the fixture is gone', () => {
    const named = stepAnswer(step({ fixture: 'evt_login_failed' }), 'e1', sources());
    expect([named.status, JSON.parse(named.body.toString()).id]).toEqual([200, 'evt_login_failed']);
    const pinned = stepAnswer(step({ fixture: 'evt_not_found' }), 'e1', sources());
    expect(pinned.status).toBe(404);
    const gone = stepAnswer(step({ fixture: 'evt_deleted' }), 'e1', sources());
    expect([gone.status, JSON.parse(gone.body.toString()).id]).toEqual([200, 'e1']);
  });

  it('status 200 passes over a pinned error; another status is the id’s normal answer', () => {
    expect(stepAnswer(step({ status: 200 }), 'evt_not_found', sources()).status).toBe(200);
    expect(stepAnswer(step({ status: 404 }), 'evt_not_found', sources()).status).toBe(404);
    expect(stepAnswer(step({}), 'evt_not_found', sources()).status).toBe(404);
    expect(stepAnswer(step({ status: 503 }), 'e1', sources()).status).toBe(503);
  });

  it('adds its headers over the answer’s, and its delay and fault', () => {
    const answer = stepAnswer(
      step({
        status: 429,
        headers: { 'retry-after': '1', 'x-step': 'yes' },
        delayMs: 10,
        fault: 'slow-body',
        durationMs: 20,
      }),
      'e1',
      sources(),
    );
    expect(answer.headers).toEqual({
      'content-type': 'application/json',
      'retry-after': '1',
      'x-step': 'yes',
    });
    expect([answer.source, answer.delayMs, answer.fault, answer.faultDurationMs]).toEqual([
      'scenario',
      10,
      'slow-body',
      20,
    ]);
    const plain = stepAnswer(step({ status: 404 }), 'e1', sources());
    expect([plain.delayMs, plain.fault, plain.faultDurationMs]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect('faultDurationMs' in plain).toBe(false);
  });
});

describe('chaos', () => {
  it('answers failure statuses as the provider would, or breaks the connection of a normal answer', () => {
    const random = createRandom('chaos', 'stages');
    const seen = new Map<string, number>();
    for (let n = 0; n < 400; n += 1) {
      const answer = chaosAnswer(`e${n}`, random, sources());
      expect(answer.source).toBe('chaos');
      const key = answer.fault ?? String(answer.status);
      seen.set(key, (seen.get(key) ?? 0) + 1);
      if (answer.fault !== undefined) expect(answer.status).toBe(200);
      else expect([429, 500, 502, 503, 504]).toContain(answer.status);
    }
    expect([...seen.keys()].sort()).toEqual(
      ['429', '500', '502', '503', '504', 'connection-reset', 'empty-response'].sort(),
    );
  });
});

describe('the Prefer header', () => {
  it('keeps backslash escapes inside quotes and splits only outside them', () => {
    const parsed = parsePreferHeader('example="a\\"b,c\\\\d"; k="x\\;y", code=404');
    expect(parsed.get('example')).toEqual({
      value: 'a"b,c\\d',
      params: new Map([['k', 'x;y']]),
    });
    expect(parsed.get('code')?.value).toBe('404');
  });

  it('trims around values, keeps the first of a repeated parameter, and drops nameless ones', () => {
    const parsed = parsePreferHeader(' code = "404" ; duration = 5 ; duration=6 ; =7');
    expect(parsed.get('code')).toEqual({ value: '404', params: new Map([['duration', '5']]) });
  });

  it('unquotes only a value that starts and ends with a quote', () => {
    expect(parsePreferHeader('example="').get('example')?.value).toBe('"');
    expect(parsePreferHeader('example=a"').get('example')?.value).toBe('a"');
    expect(parsePreferHeader('example="a').get('example')?.value).toBe('"a');
    expect(parsePreferHeader('example=""').get('example')?.value).toBe('');
  });

  it('reads an empty header, and no header, as no preference', () => {
    expect(parsePreferHeader('').size).toBe(0);
    expect(parsePreferHeader(undefined).size).toBe(0);
  });
});

describe('preference-applied values', () => {
  it.each([
    ['evt_login_failed', 'evt_login_failed'],
    ['a b', '"a b"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['café', '"caf%C3%A9"'],
    ['', '""'],
  ])('%j is written %s', (value, written) => {
    expect(headerValue(value)).toBe(written);
  });
});

describe('latency models', () => {
  it('draws uniform delays within their bounds, log-normal ones around the median, capped', () => {
    const random = createRandom('latency', 'stages');
    const uniform = Array.from({ length: 500 }, () =>
      sampleLatency({ kind: 'uniform', min: 100, max: 200 }, random),
    );
    expect(Math.min(...uniform)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...uniform)).toBeLessThanOrEqual(200);
    expect(Math.max(...uniform) - Math.min(...uniform)).toBeGreaterThan(80);
    expect(sampleLatency({ kind: 'fixed', ms: 12.6 }, random)).toBe(13);
    expect(sampleLatency({ kind: 'none' }, random)).toBe(0);
    const capped = sampleLatency(
      { kind: 'lognormal', median: 60_000, sigma: 10 },
      createRandom('x', 'y'),
    );
    expect(capped).toBeLessThanOrEqual(60_000);
  });
});

describe('the engine’s random sources', () => {
  it('draw the same latencies for the same seed on every machine (pinned)', () => {
    const drawn = testEngine({ seed: 'pinned', latency: { kind: 'uniform', min: 0, max: 1000 } });
    const delays = Array.from(
      { length: 5 },
      () =>
        drawn.handle({
          method: 'GET',
          target: '/v1/audit/events/e1',
          headers: { authorization: 'Bearer t' },
        }).answer.delayMs,
    );
    expect(delays).toEqual(PINNED_DELAYS);
  });
});

/** The first uniform 0–1000 ms delays of the seed "pinned"; a change here changes every user's run. */
const PINNED_DELAYS: (number | undefined)[] = [409, 60, 221, 694, 169];

describe('a spec without an API-key header', () => {
  it('takes bearer tokens only: an X-API-Key is not a credential there', () => {
    const spec = JSON.parse(readFileSync(SPEC_FILE, 'utf8'));
    const operation = spec.paths['/v1/audit/events/{event_id}'].get;
    operation.parameters = operation.parameters.filter((p: { in: string }) => p.in !== 'header');
    const dir = tempDir({ 'openapi.json': JSON.stringify(spec) });
    const keyless = testEngine({ spec: `${dir}/openapi.json` });
    const status = (headers: Record<string, string>) =>
      keyless.handle({ method: 'GET', target: '/v1/audit/events/e1', headers }).answer.status;
    expect(status({ 'x-api-key': 'k' })).toBe(401);
    expect(status({ authorization: 'Bearer t' })).toBe(200);
  });
});
