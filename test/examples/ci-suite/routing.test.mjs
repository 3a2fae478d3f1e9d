// Run by `audit-events-mock run`, which sets AUDIT_EVENTS_MOCK_URL.
import assert from 'node:assert/strict';
import { test } from 'node:test';

const base = process.env.AUDIT_EVENTS_MOCK_URL;
const session = { 'x-mock-session': 'routing' };

test('an unknown path is the router’s 404', async () => {
  const res = await fetch(`${base}/v1/audit/nope`, { headers: session });
  assert.equal(res.status, 404);
  assert.deepEqual(await res.json(), { detail: 'Not Found' });
});

test('a trailing slash redirects to the URL without it', async () => {
  const res = await fetch(`${base}/v1/audit/events/evt_1/`, {
    headers: session,
    redirect: 'manual',
  });
  assert.equal(res.status, 307);
  assert.equal(res.headers.get('location'), `${base}/v1/audit/events/evt_1`);
});
