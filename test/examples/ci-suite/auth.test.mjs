// Run by `audit-events-mock run`, which sets AUDIT_EVENTS_MOCK_URL.
import assert from 'node:assert/strict';
import { test } from 'node:test';

const base = process.env.AUDIT_EVENTS_MOCK_URL;
// One session per test file: files run in parallel, and each reports its own coverage.
const session = { 'x-mock-session': 'auth' };

test('without credentials the API asks for a bearer token', async () => {
  const res = await fetch(`${base}/v1/audit/events/evt_login_failed`, { headers: session });
  assert.equal(res.status, 401);
  assert.equal(res.headers.get('www-authenticate'), 'Bearer');
  assert.deepEqual(await res.json(), { detail: 'Not authenticated' });
});

test('audit events are read-only', async () => {
  const res = await fetch(`${base}/v1/audit/events/evt_login_failed`, {
    method: 'DELETE',
    headers: session,
  });
  assert.equal(res.status, 405);
  assert.equal(res.headers.get('allow'), 'GET');
});
