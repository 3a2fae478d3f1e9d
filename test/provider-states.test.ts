import { describe, expect, it } from 'vitest';
import { generateEvent } from '../src/library/generate-event.js';
import { AUTH } from './helpers/credentials.js';
import { serveMock } from './helpers/serve-mock.js';

const EVENTS = '/v1/audit/events';
const { url } = await serveMock();

/** A state-change call as the Pact verifier sends it. */
async function change(
  action: 'setup' | 'teardown',
  state: string,
  params: Record<string, unknown> = {},
  session?: string,
) {
  const res = await fetch(`${url}/__mock/provider-states`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(session === undefined ? {} : { 'x-mock-session': session }),
    },
    body: JSON.stringify({ action, params, state }),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

async function get(id: string, session?: string) {
  const res = await fetch(`${url}${EVENTS}/${id}`, {
    headers: {
      authorization: AUTH,
      ...(session === undefined ? {} : { 'x-mock-session': session }),
    },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('POST /__mock/provider-states, in the Pact state-change format', () => {
  it('"audit event <id> exists" with params.event serves that event until the teardown', async () => {
    const event = { ...generateEvent('ps-1'), event_type: 'auth.logout' };
    const params = { event_id: 'ps-1', event };
    expect(await change('setup', 'audit event ps-1 exists', params)).toEqual({
      status: 200,
      body: { event_id: 'ps-1' },
    });
    expect((await get('ps-1')).body['event_type']).toBe('auth.logout');
    expect(await change('teardown', 'audit event ps-1 exists', params)).toEqual({
      status: 200,
      body: {},
    });
    expect((await get('ps-1')).body['event_type']).toBe(generateEvent('ps-1').event_type);
  });

  it('"no audit event <id>" makes even a fixture id answer 404, until the teardown', async () => {
    await change('setup', 'no audit event evt_login_failed', { event_id: 'evt_login_failed' });
    expect(await get('evt_login_failed')).toEqual({
      status: 404,
      body: { detail: 'Audit event not found' },
    });
    await change('teardown', 'no audit event evt_login_failed', { event_id: 'evt_login_failed' });
    expect((await get('evt_login_failed')).status).toBe(200);
  });

  it('reproduces a body of its own given as params.body', async () => {
    const params = { event_id: 'ps-2', body: { detail: 'Audit event purged' } };
    await change('setup', 'no audit event ps-2', params);
    expect(await get('ps-2')).toEqual({ status: 404, body: { detail: 'Audit event purged' } });
    await change('teardown', 'no audit event ps-2', params);
  });

  it('applies in the caller’s session when it sends X-Mock-Session', async () => {
    await change('setup', 'the provider is unavailable', { event_id: 'ps-3' }, 'verifier');
    expect((await get('ps-3', 'verifier')).status).toBe(503);
    expect((await get('ps-3')).status).toBe(200);
    await change('teardown', 'the provider is unavailable', { event_id: 'ps-3' }, 'verifier');
    expect((await get('ps-3', 'verifier')).status).toBe(200);
  });

  it('needs nothing for the empty state or states the request alone produces', async () => {
    for (const state of ['', 'the token is expired', 'the credentials are invalid'])
      for (const action of ['setup', 'teardown'] as const)
        expect((await change(action, state)).status).toBe(200);
  });

  it('refuses a state it does not know, naming those it does', async () => {
    const { status, body } = await change('setup', 'the moon is full');
    expect(status).toBe(400);
    expect(body).toEqual({
      detail: expect.stringMatching(
        /^The mock knows no provider state "the moon is full"; it knows: audit event <id> exists; no audit event <id>; /,
      ),
    });
  });

  it('refuses an event that breaks the contract, naming where', async () => {
    const { status, body } = await change('setup', 'audit event ps-4 exists', {
      event_id: 'ps-4',
      event: { id: 'ps-4' },
    });
    expect(status).toBe(400);
    expect(body).toEqual({
      detail: expect.arrayContaining([
        expect.objectContaining({
          loc: ['body', 'params', 'event', 'created_at'],
          type: 'required',
        }),
      ]),
    });
  });
});
