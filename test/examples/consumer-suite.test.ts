// The README's "Using the mock from a test suite" example, run as it is printed there.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createAdminClient, startServer } from 'audit-events-mock';
import type { AdminClient, RunningServer } from 'audit-events-mock';

// The consumer code under test: fetches an event, retrying 503s twice.
async function fetchAuditEvent(baseUrl: string, id: string, session: string) {
  for (let attempt = 1; ; attempt += 1) {
    const res = await fetch(`${baseUrl}/v1/audit/events/${id}`, {
      headers: { authorization: 'Bearer test-token', 'x-mock-session': session },
    });
    if (res.status !== 503 || attempt === 3)
      return { status: res.status, body: (await res.json()) as { id: string } };
  }
}

let mock: RunningServer;
let admin: AdminClient;
// One session per test worker: its scenarios, fixtures and journal are its own, and no other
// worker's traffic or reset touches them (/reset?all=true resets every session).
const session = `worker-${process.env['VITEST_POOL_ID'] ?? '1'}`;

beforeAll(async () => {
  mock = await startServer({ port: 0 });
  admin = createAdminClient({ url: mock.url, session });
});
afterAll(() => mock.close());
afterEach(() => admin.reset());

it('retries a 503 twice, then reads the event', async () => {
  await admin.addScenario({
    match: { eventId: 'evt_42' },
    steps: [{ status: 503, times: 2 }, { status: 200 }],
  });

  const result = await fetchAuditEvent(mock.url, 'evt_42', session);

  expect(result.status).toBe(200);
  expect(result.body.id).toBe('evt_42');
  const journal = await admin.listRequests({ eventId: 'evt_42' });
  expect(journal.map((entry) => entry.status)).toEqual([200, 503, 503]);
  expect(journal[0]?.headers['authorization']).toBe('Bearer [redacted]');
});
