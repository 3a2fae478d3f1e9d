import { describe, expect, it } from 'vitest';
import { generateEvent } from '../src/library/generate-event.js';
import { runNode } from './helpers/cli-process.js';
import { AUTH_HEADERS } from './helpers/credentials.js';
import { ROOT } from './helpers/paths.js';
import { serveMock } from './helpers/serve-mock.js';
import { waitFor } from './helpers/wait-for.js';

const MiB = 1024 * 1024;

interface Health {
  readonly state: {
    readonly budgetBytes: number;
    readonly usedBytes: number;
    readonly journal: { entries: number; bytes: number; dropped: number };
    readonly coverage: { bytes: number; evictedSessions: number };
    readonly interactions: { bytes: number; dropped: number };
  };
}

const health = async (url: string) =>
  (await (await fetch(`${url}/__mock/health`)).json()) as Health;

const put = (url: string, id: string, body: unknown, session?: string) =>
  fetch(`${url}/__mock/fixtures/${id}`, {
    method: 'PUT',
    headers: {
      'content-type': 'application/json',
      ...(session === undefined ? {} : { 'x-mock-session': session }),
    },
    body: JSON.stringify(body),
  });

/** A valid event whose payload is `bytes` of text. */
const eventOf = (id: string, bytes: number) => ({
  ...generateEvent(id),
  event_payload: { filler: 'x'.repeat(bytes) },
});

describe('run-time state has a byte budget (limits.stateBytes)', () => {
  it('holds 1 MB fixtures of 19,000 empty objects within the budget, refuses the rest with 429, and gives the heap back on reset', async () => {
    // In a process of its own with a 256 MB heap: without a budget, run-time state grew as long as
    // PUTs came, and a fixture kept its parsed event beside its bytes.
    const result = await runNode(
      [
        '--expose-gc',
        '--max-old-space-size=256',
        '--import',
        'tsx',
        'test/helpers/state-heap-probe.ts',
      ],
      {
        cwd: ROOT,
        env: { PROBE_PUTS: '20', PROBE_STATE_BYTES: String(16 * MiB) },
        timeoutMs: 60_000,
      },
    );
    expect(result, result.stderr).toMatchObject({ code: 0 });
    const probe = JSON.parse(result.stdout) as {
      before: number;
      full: number;
      after: number;
      statuses: number[];
      refusal: string;
      servedBytes: number;
    };
    const accepted = probe.statuses.filter((status) => status === 201).length;
    // Run-time fixtures and scenarios may hold half the budget: 8 MiB.
    expect(accepted).toBeGreaterThanOrEqual(6);
    expect(probe.statuses).toEqual([
      ...Array<number>(accepted).fill(201),
      ...Array<number>(20 - accepted).fill(429),
    ]);
    expect(JSON.parse(probe.refusal)).toEqual({
      detail: expect.stringMatching(
        /budget of 16 MiB \(limits\.stateBytes\) is full.*--state-bytes/,
      ),
    });
    // One copy of each fixture: its bytes (about 1 MB), not its parsed objects besides.
    // (Plus a few MiB the first refusals and answers load, whatever the budget.)
    expect(probe.full - probe.before).toBeLessThan(8 * MiB * 1.25 + 4 * MiB);
    expect(probe.full - probe.before).toBeGreaterThan(accepted * 0.9 * MiB);
    expect(probe.after - probe.before).toBeLessThan(2 * MiB);
    expect(probe.servedBytes).toBeGreaterThan(1_000_000);
  }, 60_000);

  it('refuses a 1 MB body of 340,000 empty objects with 400 before parsing it', async () => {
    const { url } = await serveMock();
    const body = JSON.stringify({ ...generateEvent('evt_objects'), event_payload: null }).replace(
      '"event_payload":null',
      `"event_payload":[${'{},'.repeat(339_999)}{}]`,
    );
    const res = await fetch(`${url}/__mock/fixtures/evt_objects`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      detail:
        'The request body holds about 340,027 JSON values, more than the 20,000 the admin API parses; send a smaller document.',
    });
    expect((await health(url)).state.usedBytes).toBe(0);
  });

  it('answers 413 for a fixture larger than the whole budget, naming the budget and how to raise it', async () => {
    const { url } = await serveMock({
      limits: { stateBytes: MiB },
      admin: { bodyLimit: 2 * MiB },
    });
    const res = await put(url, 'too_big', eventOf('too_big', 1_500_000));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      detail: expect.stringMatching(
        /more than run-time fixtures and scenarios may ever hold \(512 KiB, half the state budget of 1 MiB, limits\.stateBytes\).*raise limits\.stateBytes \(--state-bytes/,
      ),
    });
    expect((await put(url, 'small', eventOf('small', 1_000))).status).toBe(201);
  });

  it('keeps what it holds when it refuses: earlier fixtures still answer byte for byte', async () => {
    const { url } = await serveMock({ limits: { stateBytes: 4 * MiB } });
    const sent: string[] = [];
    let status = 201;
    for (let index = 0; status === 201; index += 1) {
      status = (await put(url, `f${index}`, eventOf(`f${index}`, 300_000), 's1')).status;
      if (status === 201) sent.push(`f${index}`);
    }
    expect(status).toBe(429);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    for (const id of sent) {
      const res = await fetch(`${url}/v1/audit/events/${id}`, {
        headers: { ...AUTH_HEADERS, 'x-mock-session': 's1' },
      });
      expect(
        ((await res.json()) as { event_payload: { filler: string } }).event_payload.filler,
      ).toHaveLength(300_000);
    }
    const { state } = await health(url);
    expect(state.usedBytes).toBeLessThanOrEqual(state.budgetBytes);
    // Deleting one makes room again.
    expect(
      (
        await fetch(`${url}/__mock/fixtures/f0`, {
          method: 'DELETE',
          headers: { 'x-mock-session': 's1' },
        })
      ).status,
    ).toBe(204);
    expect((await put(url, 'again', eventOf('again', 300_000), 's1')).status).toBe(201);
  });

  it('counts scenarios: a scenario past the budget is refused with 429, and reset frees it', async () => {
    const { url } = await serveMock({ limits: { stateBytes: 2 * MiB } });
    const scenario = (name: string) =>
      fetch(`${url}/__mock/scenarios`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name,
          match: { pattern: 'evt_*' },
          steps: [{ status: 404, body: { detail: 'y'.repeat(150_000) }, times: 1000 }],
        }),
      });
    const statuses: number[] = [];
    for (let index = 0; index < 8; index += 1) statuses.push((await scenario(`s${index}`)).status);
    expect(statuses).toContain(201);
    expect(statuses.at(-1)).toBe(429);
    expect((await fetch(`${url}/__mock/reset`, { method: 'POST' })).status).toBe(204);
    expect((await health(url)).state.usedBytes).toBe(0);
    expect((await scenario('after reset')).status).toBe(201);
  });

  it('keeps the journal within a quarter of the budget whatever the requests carry, and fixtures still fit', async () => {
    const { url } = await serveMock({ limits: { stateBytes: 2 * MiB } });
    const big = 'h'.repeat(8_000);
    await Promise.all(
      Array.from({ length: 400 }, (_, index) =>
        fetch(`${url}/v1/audit/events/e${index}`, {
          headers: { ...AUTH_HEADERS, 'x-big': big, 'x-mock-session': `w${index % 40}` },
        }).then((res) => res.arrayBuffer()),
      ),
    );
    const { state } = await health(url);
    expect(state.journal.bytes).toBeLessThanOrEqual(MiB / 2);
    expect(state.journal.bytes).toBeGreaterThan(MiB / 4);
    expect(state.usedBytes).toBeLessThanOrEqual(state.budgetBytes);
    expect((await put(url, 'fits', eventOf('fits', 500_000))).status).toBe(201);
  });

  it('keeps coverage and the pact interactions within their eighths of the budget, losing no count and nothing already recorded', async () => {
    const { url } = await serveMock({ limits: { stateBytes: MiB } });
    const early = await fetch(`${url}/v1/audit/events/evt_login_failed`, {
      headers: { ...AUTH_HEADERS, 'x-mock-session': 'early' },
    });
    await early.arrayBuffer();
    // Every request a new session with a long name, and a query parameter name never seen: each
    // would keep a tally, examples and an interaction of several kilobytes.
    const flood = 300;
    for (let batch = 0; batch < flood / 20; batch += 1)
      await Promise.all(
        Array.from({ length: 20 }, (_, index) => {
          const n = batch * 20 + index;
          return fetch(`${url}/v1/audit/events/e${n}?${'q'.repeat(3_000)}${n}=1`, {
            headers: { ...AUTH_HEADERS, 'x-mock-session': `h${n}-${'s'.repeat(4_000)}` },
          }).then((res) => res.arrayBuffer());
        }),
      );
    const overall = async () =>
      (await (await fetch(`${url}/__mock/coverage`)).json()) as { requests: number };
    await waitFor('every request counted', async () =>
      (await overall()).requests === flood + 1 ? true : undefined,
    );
    const { state } = await health(url);
    expect(state.coverage.bytes).toBeLessThanOrEqual(MiB / 8);
    expect(state.interactions.bytes).toBeLessThanOrEqual(MiB / 8);
    expect(state.usedBytes).toBeLessThanOrEqual(state.budgetBytes);
    expect(state.coverage.evictedSessions).toBeGreaterThan(0);
    expect(state.interactions.dropped).toBeGreaterThan(0);
    const pact = (await (
      await fetch(`${url}/__mock/pact`, { headers: { 'x-mock-session': 'early' } })
    ).json()) as { interactions: unknown[] };
    expect(pact.interactions).toHaveLength(1);
    expect((await fetch(`${url}/__mock/coverage`, { method: 'DELETE' })).status).toBe(204);
    const cleared = (await health(url)).state;
    expect([cleared.coverage.bytes, cleared.interactions.bytes]).toEqual([0, 0]);
  });
});
