import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockUrl } from './helpers/serve-mock.js';
import { testEngine } from './helpers/engine.js';
import { createRandom } from '../src/generator/random.js';
import type { MockOptions } from '../src/config/mock-options.js';
import { handleRequest } from '../src/engine/handle-request.js';
import { parseLatencyFlag } from '../src/cli/parse-latency-flag.js';
import { OptionsError } from '../src/config/options-error.js';
import { resolveOptions } from '../src/config/resolve-options.js';
import { sampleLatency } from '../src/engine/sample-latency.js';
import type { RunningServer } from '../src/library/start-server.js';
import { startServer } from '../src/library/start-server.js';
import type { Headers, JournalView, WireOutcome } from './helpers/mock-http.js';
import { AUTH_HEADERS } from './helpers/credentials.js';
import { AUTH, EVENTS, getEvent, httpGet, journal, rawGet } from './helpers/mock-http.js';

/** Starts a mock on 127.0.0.1, runs `body` against it, and always closes it. */
async function withServer<T>(
  options: MockOptions,
  body: (server: RunningServer) => Promise<T>,
): Promise<T> {
  const server = await startServer({ host: '127.0.0.1', port: 0, gracePeriodMs: 100, ...options });
  try {
    return await body(server);
  } finally {
    await server.close();
  }
}

/** How an outcome looks in a comparison: a status, or the error a client saw. */
const outcome = (result: WireOutcome) =>
  result.kind === 'answer' ? String(result.status) : `error:${result.code ?? result.message}`;

describe('faults, as a real client sees them', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ host: '127.0.0.1', port: 0, seed: 'faults', gracePeriodMs: 100 });
  });
  afterAll(async () => {
    await server.close();
  });

  const get = (id: string, headers: Headers = {}) =>
    httpGet(`${server.url}${EVENTS}/${id}`, { ...AUTH_HEADERS, ...headers });
  const journalEntries = async () =>
    (await (await fetch(`${server.url}/__mock/requests`)).json()) as JournalView[];

  it('connection-reset: the client sees its socket reset (ECONNRESET), no answer', async () => {
    const raw = await rawGet(server.port, `${EVENTS}/e-reset`, {
      Authorization: AUTH,
      Prefer: 'fault=connection-reset',
    });
    expect([raw.ended, raw.code, raw.bytes.length]).toEqual(['error', 'ECONNRESET', 0]);

    const res = await get('e-reset', { prefer: 'fault=connection-reset' });
    expect(res).toMatchObject({ kind: 'error', code: 'ECONNRESET' });
    await expect(
      fetch(`${server.url}${EVENTS}/e-reset`, {
        headers: { ...AUTH_HEADERS, prefer: 'fault=connection-reset' },
      }),
    ).rejects.toThrow(TypeError);
  });

  it('empty-response: the connection is closed with no reply at all', async () => {
    const raw = await rawGet(server.port, `${EVENTS}/e-empty`, {
      Authorization: AUTH,
      Prefer: 'fault=empty-response',
    });
    expect([raw.ended, raw.bytes.length]).toEqual(['end', 0]);

    const res = await get('e-empty', { prefer: 'fault=empty-response' });
    expect(res).toMatchObject({ kind: 'error', message: 'socket hang up' });
  });

  it('malformed-body: a valid status line and headers, then JSON the client cannot parse', async () => {
    const whole = await get('e-malformed');
    const res = await get('e-malformed', { prefer: 'fault=malformed-body' });
    if (res.kind !== 'answer' || whole.kind !== 'answer') throw new Error('expected answers');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body));
    expect(res.body.length).toBeGreaterThan(0);
    expect(res.body.length).toBeLessThan(whole.body.length);
    expect(whole.body.startsWith(res.body)).toBe(true);
    expect(() => JSON.parse(res.body) as unknown).toThrow(SyntaxError);

    const viaFetch = await fetch(`${server.url}${EVENTS}/e-malformed`, {
      headers: { ...AUTH_HEADERS, prefer: 'fault=malformed-body' },
    });
    expect(viaFetch.status).toBe(200);
    await expect(viaFetch.json()).rejects.toThrow(SyntaxError);
  });

  it('slow-body: the whole body, dribbled out in pieces over the duration', async () => {
    const whole = await get('e-slow');
    const res = await get('e-slow', { prefer: 'fault=slow-body; duration=300' });
    if (res.kind !== 'answer' || whole.kind !== 'answer') throw new Error('expected answers');
    expect(res.status).toBe(200);
    expect(res.body).toBe(whole.body);
    expect(res.chunks).toBeGreaterThan(3);
    expect(res.endMs - res.headersMs).toBeGreaterThanOrEqual(200);
    expect(res.endMs).toBeLessThan(1500);
  });

  it('faults can be asked for with query parameters too', async () => {
    expect(await get('e-q?__fault=connection-reset')).toMatchObject({
      kind: 'error',
      code: 'ECONNRESET',
    });
    const slow = await get('e-q?__fault=slow-body&__duration=200');
    expect(slow).toMatchObject({ kind: 'answer', status: 200 });
    if (slow.kind === 'answer') expect(slow.endMs).toBeGreaterThanOrEqual(150);
  });

  it('a faulted request is journaled with its fault', async () => {
    await get('e-journal-fault', { prefer: 'fault=connection-reset' });
    const entry = (await journalEntries()).find((e) => e.eventId === 'e-journal-fault');
    expect(entry).toMatchObject({ fault: 'connection-reset', method: 'GET' });
  });

  it('Prefer: delay=<ms> holds the answer that long', async () => {
    const res = await get('e-delay', { prefer: 'delay=250' });
    expect(res).toMatchObject({ kind: 'answer', status: 200 });
    if (res.kind === 'answer') {
      expect(res.headersMs).toBeGreaterThanOrEqual(240);
      expect(res.headers['preference-applied']).toBe('delay=250');
    }
    const fast = await get('e-delay');
    if (res.kind === 'answer' && fast.kind === 'answer')
      expect(fast.headersMs).toBeLessThan(res.headersMs);
  });

  it('a scenario step can break the connection, then the next step answers', async () => {
    const created = await fetch(`${server.url}/__mock/scenarios`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        match: { eventId: 'e-step-fault' },
        steps: [
          { fault: 'connection-reset' },
          { fault: 'empty-response' },
          { fault: 'malformed-body' },
          { fault: 'slow-body', durationMs: 200 },
          { status: 503, delayMs: 200 },
        ],
      }),
    });
    expect(created.status).toBe(201);
    const results: WireOutcome[] = [];
    for (let i = 0; i < 6; i += 1) results.push(await get('e-step-fault'));
    expect(results.map(outcome)).toEqual([
      'error:ECONNRESET',
      'error:ECONNRESET', // node:http reports "socket hang up" with this code
      '200',
      '200',
      '503',
      '200',
    ]);
    expect(results[1]).toMatchObject({ message: 'socket hang up' });
    const [, , malformed, slow, delayed] = results;
    if (malformed?.kind === 'answer')
      expect(() => JSON.parse(malformed.body) as unknown).toThrow(SyntaxError);
    if (slow?.kind === 'answer') {
      expect(JSON.parse(slow.body)).toMatchObject({ id: 'e-step-fault' });
      expect(slow.endMs - slow.headersMs).toBeGreaterThanOrEqual(150);
    }
    if (delayed?.kind === 'answer') expect(delayed.headersMs).toBeGreaterThanOrEqual(190);
  });

  it.each([
    [
      'fault=explode',
      /fault can be one of connection-reset, empty-response, malformed-body, slow-body/,
    ],
    ['fault=slow-body; duration=soon', /duration=soon is not supported/],
    ['delay=-5', /delay is a whole number of milliseconds/],
    ['delay=99999999', /delay is a whole number of milliseconds/],
  ])('refuses Prefer: %s with 400 naming what is supported', async (prefer, detail) => {
    const res = await get('e-bad', { prefer });
    if (res.kind !== 'answer') throw new Error(`expected an answer, got ${res.message}`);
    expect(res.status).toBe(400);
    expect((JSON.parse(res.body) as { detail: string }).detail).toMatch(detail);
  });
});

describe('global latency', () => {
  const timed = async (options: MockOptions, headers: Headers = {}) => {
    const app = await mockUrl(options);
    await getEvent(app, 'warm-up', { Prefer: 'delay=0' });
    const started = performance.now();
    const res = await getEvent(app, 'e1', headers);
    return { status: res.status, ms: performance.now() - started };
  };

  it('a fixed latency delays every answer', async () => {
    const { status, ms } = await timed({ latency: { kind: 'fixed', ms: 250 } });
    expect(status).toBe(200);
    expect(ms).toBeGreaterThanOrEqual(240);
  });

  it('a per-request delay wins over the global latency', async () => {
    const { ms } = await timed({ latency: { kind: 'fixed', ms: 2000 } }, { Prefer: 'delay=0' });
    expect(ms).toBeLessThan(500);
  });

  it('a uniform latency stays within its bounds', async () => {
    const app = await mockUrl({ latency: { kind: 'uniform', min: 100, max: 200 } });
    await Promise.all(['a', 'b', 'c', 'd'].map((id) => getEvent(app, id)));
    const latencies = (await journal(app)).map((entry) => entry.latencyMs);
    expect(latencies).toHaveLength(4);
    for (const ms of latencies) {
      expect(ms).toBeGreaterThanOrEqual(95);
      expect(ms).toBeLessThan(600);
    }
  });

  it('a log-normal latency is centred on its median and reproducible for a seed', () => {
    const model = parseLatencyFlag('lognormal:80,0.5');
    expect(model).toEqual({ kind: 'lognormal', median: 80, sigma: 0.5 });
    const draw = () => {
      const random = createRandom('latency', 'seed');
      return Array.from({ length: 2001 }, () => sampleLatency(model, random));
    };
    const samples = draw();
    expect(draw()).toEqual(samples);
    const median = [...samples].sort((a, b) => a - b)[1000] ?? 0;
    expect(median).toBeGreaterThan(70);
    expect(median).toBeLessThan(90);
    expect(samples.every((ms) => Number.isInteger(ms) && ms >= 0)).toBe(true);
  });

  it.each([
    ['200', { kind: 'fixed', ms: 200 }],
    ['uniform:50-300', { kind: 'uniform', min: 50, max: 300 }],
    ['lognormal:80,0.5', { kind: 'lognormal', median: 80, sigma: 0.5 }],
  ])('parseLatency reads %s', (text, model) => {
    expect(parseLatencyFlag(text)).toEqual(model);
  });

  it.each(['fast', 'uniform:300-50', 'uniform:1', 'lognormal:80', '999999', 'gauss:1,2'])(
    'parseLatency refuses %s',
    (text) => {
      expect(() => resolveOptions({ latency: parseLatencyFlag(text) })).toThrow(OptionsError);
    },
  );
});

describe('chaos, reproducible with the seed', () => {
  /** What each of `count` requests got, answered by the pipeline of a fresh mock. */
  const sequence = (options: MockOptions, count: number) => {
    const engine = testEngine(options);
    return Array.from({ length: count }, (_, n) => {
      const { answer } = handleRequest(
        { method: 'GET', target: `${EVENTS}/e${n}`, headers: { authorization: AUTH } },
        engine,
      );
      return `${answer.status}/${answer.source}/${answer.fault ?? '-'}`;
    });
  };

  it('two mocks with the same seed fail the same requests in the same order', () => {
    const first = sequence({ seed: 'chaos-seed', chaos: 0.3 }, 200);
    expect(sequence({ seed: 'chaos-seed', chaos: 0.3 }, 200)).toEqual(first);
    const failed = first.filter((answer) => answer.includes('/chaos/')).length;
    expect(failed).toBeGreaterThan(30);
    expect(failed).toBeLessThan(90);
    expect(sequence({ seed: 'other-seed', chaos: 0.3 }, 200)).not.toEqual(first);
  });

  it('a rate of 0 never fails and a rate of 1 always does', () => {
    expect(sequence({ chaos: 0 }, 50).every((answer) => answer.startsWith('200/'))).toBe(true);
    expect(sequence({ chaos: 1 }, 50).every((answer) => answer.includes('/chaos/'))).toBe(true);
  });

  it.each([-0.1, 1.5, Number.NaN])('refuses the rate %d', async (chaos) => {
    await expect(mockUrl({ chaos })).rejects.toThrow(OptionsError);
  });

  it('over the wire, two servers with the same seed fail the same requests the same way', async () => {
    const run = (seed: string) =>
      withServer({ seed, chaos: 0.5 }, async (server) => {
        const seen: string[] = [];
        for (let n = 0; n < 24; n += 1)
          seen.push(outcome(await httpGet(`${server.url}${EVENTS}/e${n}`, AUTH_HEADERS)));
        return seen;
      });
    const [a, b] = await Promise.all([run('wire-chaos'), run('wire-chaos')]);
    expect(b).toEqual(a);
    expect(a.some((seen) => seen !== '200')).toBe(true);
    expect(a.some((seen) => seen === '200')).toBe(true);
  });
});
