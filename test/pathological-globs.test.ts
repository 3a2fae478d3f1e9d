import { describe, expect, it, vi } from 'vitest';
import { defaultOptions } from '../src/config/resolve-options.js';
import { RuntimeState } from '../src/state/runtime-state.js';
import type { ScenarioDefinition } from '../src/state/scenario.js';
import { startCli } from './helpers/cli-process.js';
import { AUTH_HEADERS } from './helpers/credentials.js';
import { sleep } from './helpers/wait-for.js';

/** The two globs of the issue, and an id each would take seconds to forever to reject by backtracking. */
const PATHOLOGICAL = [
  { pattern: 'evt_*_*_*_failed', id: `evt_${'_'.repeat(3_200)}` },
  { pattern: '*a*a*a*a*a*a*a*a*a*a*b', id: 'a'.repeat(60) },
] as const;

describe('scenario globs cannot stall the server', () => {
  it('answers the two pathological globs and a concurrent health check well before a 5 s timer, then stops on SIGTERM', async () => {
    // In a child process: a stalled server must not stall the test's own timers.
    const cli = await startCli(['--port', '0']);
    try {
      for (const { pattern } of PATHOLOGICAL) {
        const res = await fetch(`${cli.url}/__mock/scenarios`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ match: { pattern }, steps: [{ status: 503 }] }),
        });
        expect(res.status).toBe(201);
      }
      const events: string[] = [];
      const timer = sleep(5_000).then(() => events.push('5 s timer'));
      const answered = Promise.all([
        ...PATHOLOGICAL.map(async ({ pattern, id }) => {
          const res = await fetch(`${cli.url}/v1/audit/events/${id}`, { headers: AUTH_HEADERS });
          events.push(`${pattern} ${res.status}`);
        }),
        fetch(`${cli.url}/__mock/health`).then((res) => events.push(`health ${res.status}`)),
      ]);
      await Promise.race([answered, timer]);
      // Neither id matches its glob: both get their normal answer, before the timer.
      expect(events.sort()).toEqual([
        '*a*a*a*a*a*a*a*a*a*a*b 200',
        'evt_*_*_*_failed 200',
        'health 200',
      ]);
      expect(await cli.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    } finally {
      await cli.stop('SIGKILL');
    }
  });
});

describe('a used-up scenario leaves the request path', () => {
  const scenario = (pattern: string): ScenarioDefinition => ({
    name: undefined,
    match: { pattern },
    session: null,
    steps: [
      {
        status: 503,
        answer: undefined,
        fixture: undefined,
        delayMs: undefined,
        fault: undefined,
        durationMs: undefined,
        headers: undefined,
        times: 2,
      },
    ],
  });

  it('is never tested against an id again once its steps are used, yet is still listed', () => {
    const state = new RuntimeState(defaultOptions().limits);
    const added = state.addScenario(scenario('evt_*'), new Date());
    const test = vi.spyOn(added, 'test');
    expect(state.takeStep('evt_1', null)?.scenario.id).toBe(added.id);
    expect(state.takeStep('evt_2', null)?.scenario.id).toBe(added.id);
    expect(test).toHaveBeenCalledTimes(2);
    for (let index = 0; index < 100; index += 1)
      expect(state.takeStep('evt_3', null)).toBe(undefined);
    expect(test).toHaveBeenCalledTimes(2);
    expect(state.scenarios(null).map((listed) => [listed.id, listed.remaining])).toEqual([
      [added.id, [0]],
    ]);
  });

  it('makes room for new scenarios before the count limit refuses one', () => {
    const limits = { ...defaultOptions().limits, scenarios: 2 };
    const state = new RuntimeState(limits);
    const first = state.addScenario(scenario('a*'), new Date());
    state.takeStep('a1', null);
    state.takeStep('a2', null);
    const second = state.addScenario(scenario('b*'), new Date());
    const third = state.addScenario(scenario('c*'), new Date());
    expect(state.scenarios(null).map((listed) => listed.id)).toEqual([second.id, third.id]);
    expect(first.id).not.toBe(second.id);
    expect(() => state.addScenario(scenario('d*'), new Date())).toThrow(/limits.scenarios/);
  });
});
