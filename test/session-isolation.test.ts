import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../src/state/journal.js';
import { AUTH_HEADERS } from './helpers/credentials.js';
import { serveMock } from './helpers/serve-mock.js';

const SESSION = 'x-mock-session';

/** A mock with run-time state in session `a`, in session `b` and in the global state. */
async function populated() {
  const { url } = await serveMock();
  const call = (method: string, path: string, session?: string, body?: unknown) =>
    fetch(`${url}${path}`, {
      method,
      headers: {
        ...AUTH_HEADERS,
        'content-type': 'application/json',
        ...(session === undefined ? {} : { [SESSION]: session }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  for (const session of ['a', 'b', undefined]) {
    const res = await call('POST', '/__mock/scenarios', session, {
      match: { eventId: 'e1' },
      steps: [{ status: 503, times: 100 }],
    });
    expect(res.status).toBe(201);
    await call('GET', `/v1/audit/events/seen_by_${session ?? 'global'}`, session);
  }
  const journal = async (session?: string) =>
    (
      (await (await call('GET', '/__mock/requests?limit=1000', session)).json()) as JournalEntry[]
    ).map((entry) => entry.eventId);
  const statusFor = async (session?: string) =>
    (await call('GET', '/v1/audit/events/e1', session)).status;
  return { url, call, journal, statusFor };
}

describe('sessions are isolated in the journal', () => {
  it("keeps a session's entries however many requests other clients send", async () => {
    const { call, journal } = await populated();
    const before = await journal('a');
    expect(before).toEqual(['seen_by_a']);
    // More than the journal holds per session, without a session and in another one.
    for (let batch = 0; batch < 30; batch += 1)
      await Promise.all(
        Array.from({ length: 50 }, (_, index) =>
          call(
            'GET',
            `/v1/audit/events/noise_${batch}_${index}`,
            index % 3 === 0 ? 'b' : undefined,
          ).then((res) => res.arrayBuffer()),
        ),
      );
    expect(await journal('a')).toEqual(before);
    // The global log is full of the noise (its newest, a page of them here).
    expect((await journal()).length).toBeGreaterThan(900);
  });
});

describe('calls without X-Mock-Session touch the global state only', () => {
  it('DELETE /__mock/requests clears the global entries and leaves every session its own', async () => {
    const { call, journal } = await populated();
    expect((await call('DELETE', '/__mock/requests')).status).toBe(204);
    expect(await journal()).toEqual([]);
    expect(await journal('a')).toEqual(['seen_by_a']);
    expect(await journal('b')).toEqual(['seen_by_b']);
  });

  it("POST /__mock/reset forgets the global state and leaves every session's scenarios, fixtures and journal", async () => {
    const { call, journal, statusFor } = await populated();
    expect(
      (await call('PUT', '/__mock/fixtures/evt_a', 'a', { status: 404, body: { detail: 'a' } }))
        .status,
    ).toBe(201);
    expect((await call('POST', '/__mock/reset')).status).toBe(204);
    expect(await statusFor()).toBe(200);
    expect(await statusFor('a')).toBe(503);
    expect(await statusFor('b')).toBe(503);
    expect((await call('GET', '/v1/audit/events/evt_a', 'a')).status).toBe(404);
    expect(await journal('a')).toContain('seen_by_a');
    expect(await journal()).toEqual(['e1']);
  });

  it('?all=true clears every session, and an unreadable all is a 400', async () => {
    const { call, journal, statusFor } = await populated();
    expect((await call('POST', '/__mock/reset?all=yes')).status).toBe(400);
    expect(await statusFor('a')).toBe(503);
    expect((await call('POST', '/__mock/reset?all=true')).status).toBe(204);
    for (const session of ['a', 'b', undefined]) expect(await statusFor(session)).toBe(200);
    expect((await call('DELETE', '/__mock/requests?all=true')).status).toBe(204);
    for (const session of ['a', 'b', undefined]) expect(await journal(session)).toEqual([]);
  });
});
