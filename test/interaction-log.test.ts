import { describe, expect, it } from 'vitest';
import type { RecordedInteraction } from '../src/state/interaction-log.js';
import { InteractionLog, MAX_INTERACTIONS } from '../src/state/interaction-log.js';
import { StateBudget } from '../src/state/state-budget.js';

const budget = () => new StateBudget(64 * 1024 * 1024);

function interaction(
  session: string | null,
  shapeKey: string,
  shapeCode: number,
  path = '/p',
): RecordedInteraction {
  return {
    shapeKey,
    shapeCode,
    method: 'GET',
    path,
    query: '',
    requestHeaders: {},
    credential: null,
    eventId: null,
    status: 404,
    responseHeaders: {},
    generated: false,
    body: Buffer.from('{}'),
    source: 'router',
    outcomes: [],
    session,
  };
}

describe('InteractionLog', () => {
  it('keeps the first interaction of each shape, in the order they came', () => {
    const log = new InteractionLog(10, budget());
    log.add(interaction('a', 'x', 1, '/first'));
    log.add(interaction('a', 'y', 1));
    log.add(interaction('a', 'x', 1, '/second'));
    log.add(interaction('a', 'x', 2));
    expect(log.has('a', 'x', 1)).toBe(true);
    expect(log.has('a', 'x', 3)).toBe(false);
    expect(log.list('a').map((kept) => [kept.shapeKey, kept.shapeCode, kept.path])).toEqual([
      ['x', 1, '/first'],
      ['y', 1, '/p'],
      ['x', 2, '/p'],
    ]);
  });

  it('lists every session’s interactions, each shape once', () => {
    const log = new InteractionLog(10, budget());
    log.add(interaction('a', 'x', 1));
    log.add(interaction(null, 'x', 1));
    log.add(interaction('b', 'z', 1));
    expect(log.list().map((kept) => `${kept.session} ${kept.shapeKey}`)).toEqual(['a x', 'b z']);
  });

  it(`keeps at most ${MAX_INTERACTIONS} per session and maxSessions sessions`, () => {
    const log = new InteractionLog(2, budget());
    for (let code = 0; code < MAX_INTERACTIONS + 5; code += 1) log.add(interaction('a', 'x', code));
    expect(log.list('a')).toHaveLength(MAX_INTERACTIONS);
    expect(log.dropped).toBe(5);
    log.add(interaction('b', 'x', 1));
    log.add(interaction('c', 'x', 1));
    expect([log.list('a'), log.list('b'), log.list('c')].map((kept) => kept.length)).toEqual([
      0, 1, 1,
    ]);
    expect(log.bytes).toBeGreaterThan(0);
    log.clear();
    expect(log.bytes).toBe(0);
  });

  it('keeps what it holds within its part of the state budget: a new interaction finds no room, nothing kept goes', () => {
    const shared = new StateBudget(1024 * 1024);
    const log = new InteractionLog(1_000, shared);
    const long = `/v1/audit/events/${'e'.repeat(8_000)}`;
    for (let index = 0; index < 100; index += 1) log.add(interaction(`s${index}`, 'x', 1, long));
    expect(log.bytes).toBe(shared.used('interactions'));
    expect(log.bytes).toBeLessThanOrEqual(shared.ceiling('interactions'));
    expect(log.dropped).toBeGreaterThan(0);
    expect(log.list('s0')).toHaveLength(1);
    expect(log.list('s99')).toEqual([]);
    log.clear('s0');
    log.add(interaction('late', 'x', 1));
    expect(log.list('late')).toHaveLength(1);
    log.clear();
    expect(shared.used()).toBe(0);
  });
});
