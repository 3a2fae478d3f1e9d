import { describe, expect, it } from 'vitest';
import { detailAnswer } from '../src/core/answer.js';
import type { RecordedRequest } from '../src/state/journal.js';
import { RequestFeed } from '../src/state/request-feed.js';

const ENTRY: RecordedRequest = {
  seq: 1,
  time: '2026-01-01T00:00:00.000Z',
  method: 'GET',
  path: '/v1/audit/events/e1',
  eventId: 'e1',
  session: null,
  headers: {},
  status: 404,
  source: 'forced',
  scenario: null,
  fault: null,
  valid: true,
  latencyMs: 1,
};
const ANSWER = detailAnswer(404, 'Audit event not found', 'forced');

describe('RequestFeed', () => {
  it('hands each published request to every subscriber until it unsubscribes', () => {
    const feed = new RequestFeed();
    const seen: string[] = [];
    const first = feed.subscribe({ push: (entry) => seen.push(`a${entry.seq}`), end: () => {} });
    feed.subscribe({ push: (entry, answer) => seen.push(`b${answer.status}`), end: () => {} });
    feed.publish(ENTRY, ANSWER);
    first();
    feed.publish({ ...ENTRY, seq: 2 }, ANSWER);
    expect(seen).toEqual(['a1', 'b404', 'b404']);
    expect(feed.size).toBe(1);
  });

  it('ends every subscriber on close and refuses new ones', () => {
    const feed = new RequestFeed();
    const ended: string[] = [];
    feed.subscribe({ push: () => {}, end: () => ended.push('one') });
    feed.subscribe({ push: () => {}, end: () => ended.push('two') });
    feed.close();
    expect(ended).toEqual(['one', 'two']);
    expect(feed.size).toBe(0);
    expect(feed.closed).toBe(true);
    expect(() => feed.subscribe({ push: () => {}, end: () => {} })).toThrow(/server is stopping/);
  });

  it('lets a subscriber unsubscribe while requests are handed out', () => {
    const feed = new RequestFeed();
    const seen: number[] = [];
    const stop = feed.subscribe({
      push: (entry) => {
        seen.push(entry.seq);
        stop();
      },
      end: () => {},
    });
    feed.subscribe({ push: (entry) => seen.push(entry.seq * 10), end: () => {} });
    feed.publish(ENTRY, ANSWER);
    feed.publish({ ...ENTRY, seq: 2 }, ANSWER);
    expect(seen).toEqual([1, 10, 20]);
  });
});
