import { describe, expect, it } from 'vitest';
import type { RecordedInteraction } from '../src/state/interaction-log.js';
import { InteractionLog, MAX_INTERACTIONS } from '../src/state/interaction-log.js';

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
    const log = new InteractionLog(10);
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
    const log = new InteractionLog(10);
    log.add(interaction('a', 'x', 1));
    log.add(interaction(null, 'x', 1));
    log.add(interaction('b', 'z', 1));
    expect(log.list().map((kept) => `${kept.session} ${kept.shapeKey}`)).toEqual(['a x', 'b z']);
  });

  it(`keeps at most ${MAX_INTERACTIONS} per session and maxSessions sessions`, () => {
    const log = new InteractionLog(2);
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
});
