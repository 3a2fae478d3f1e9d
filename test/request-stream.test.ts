import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { STREAM_LIMITS } from '../src/admin/route-request-stream.js';
import { startMock } from '../src/library/start-server.js';
import { admin, AUTH, EVENTS, getEvent } from './helpers/mock-http.js';
import type { OpenStream } from './helpers/sse-client.js';
import { openStream } from './helpers/sse-client.js';
import { serveMock } from './helpers/serve-mock.js';
import { waitFor } from './helpers/wait-for.js';

const STREAM = '/__mock/requests/stream';

const mock = await serveMock();
const opened: OpenStream[] = [];
async function watch(query = '?all=true', headers: Record<string, string> = {}) {
  const stream = await openStream(`${mock.url}${STREAM}${query}`, headers);
  opened.push(stream);
  return stream;
}
afterEach(async () => {
  for (const stream of opened.splice(0)) stream.close();
  await waitFor('the streams to be closed', () =>
    mock.engine.state.feed.size === 0 ? true : undefined,
  );
  expect((await admin(mock.url, 'post', '/reset')).status).toBe(204);
});

describe('GET /__mock/requests/stream', () => {
  it('answers server-sent events that no cache keeps', async () => {
    const stream = await watch();
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers['cache-control']).toBe('no-store');
  });

  it('sends each request of the mocked API as it finishes, with its answer', async () => {
    const stream = await watch();
    await getEvent(mock.url, 'evt_login_failed', { 'X-Trace': 'live-1' });
    const live = await stream.next(
      'the request',
      (item) => item.entry.headers['x-trace'] === 'live-1',
    );
    expect(live.entry).toMatchObject({
      method: 'GET',
      path: `${EVENTS}/evt_login_failed`,
      eventId: 'evt_login_failed',
      status: 200,
      source: 'fixture',
      valid: true,
    });
    expect(live.response?.contentType).toBe('application/json');
    expect(JSON.parse(live.response?.body ?? '')).toMatchObject({ id: 'evt_login_failed' });
    expect(live.response).toMatchObject({ truncated: false, violations: [] });
    const event = stream.events.find(
      (item) => item.type === 'request' && item.data.includes('live-1'),
    );
    expect(event?.id).toBe(String(live.entry.seq));
  });

  it('redacts credentials, as the journal does', async () => {
    const stream = await watch();
    await getEvent(mock.url, 'evt_redacted', { 'X-API-Key': 'secret-key' });
    const live = await stream.next('the request', (item) => item.entry.eventId === 'evt_redacted');
    expect(live.entry.headers['authorization']).toBe('Bearer [redacted]');
    expect(live.entry.headers['x-api-key']).toBe('[redacted]');
    expect(JSON.stringify(live)).not.toContain(AUTH.split(' ')[1]);
  });

  it('starts with the newest entries already journaled, oldest first, without their bodies', async () => {
    await getEvent(mock.url, 'evt_before_1');
    await getEvent(mock.url, 'evt_before_2');
    const stream = await watch();
    await stream.next('the backlog', (item) => item.entry.eventId === 'evt_before_2');
    const backlog = stream
      .requests()
      .filter((item) => item.entry.eventId?.startsWith('evt_before_'));
    expect(backlog.map((item) => item.entry.eventId)).toEqual(['evt_before_1', 'evt_before_2']);
    expect(backlog.map((item) => item.response)).toEqual([null, null]);
  });

  it("shows the calling session's requests; ?session= picks another, ?all=true every one", async () => {
    const mine = await watch('', { 'X-Mock-Session': 'w1' });
    const other = await watch('?session=w2');
    const global = await watch('');
    const all = await watch('?all=true');
    await getEvent(mock.url, 'evt_s1', { 'X-Mock-Session': 'w1' });
    await getEvent(mock.url, 'evt_s2', { 'X-Mock-Session': 'w2' });
    await getEvent(mock.url, 'evt_s0');
    await all.next('all three', (item) => item.entry.eventId === 'evt_s0');
    await all.next('all three', (item) => item.entry.eventId === 'evt_s1');
    await all.next('all three', (item) => item.entry.eventId === 'evt_s2');
    await mine.next('w1', (item) => item.entry.eventId === 'evt_s1');
    await other.next('w2', (item) => item.entry.eventId === 'evt_s2');
    await global.next('no session', (item) => item.entry.eventId === 'evt_s0');
    const ids = (stream: OpenStream) => stream.requests().map((item) => item.entry.eventId);
    expect(ids(mine)).toEqual(['evt_s1']);
    expect(ids(other)).toEqual(['evt_s2']);
    expect(ids(global)).not.toContain('evt_s1');
  });

  it('refuses ?all= other than true or false', async () => {
    const res = await admin(mock.url, 'get', '/requests/stream?all=yes');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ detail: 'all must be true or false.' });
  });

  it(`refuses a stream past ${STREAM_LIMITS.maxStreams} open ones, saying what to do`, async () => {
    for (let count = 0; count < STREAM_LIMITS.maxStreams; count += 1) await watch();
    const refused = await watch();
    expect(refused.status).toBe(429);
    await refused.ended;
    expect(JSON.parse(refused.body())).toEqual({
      detail: `${STREAM_LIMITS.maxStreams} live request streams are open already; close one (a dashboard tab) and try again.`,
    });
  });

  it('closes a stream whose client stopped reading, instead of buffering for it', async () => {
    // An answer of about 60 KB, so a few hundred requests outgrow the sockets' buffers.
    const body = { detail: 'x'.repeat(60_000) };
    const put = await admin(mock.url, 'put', '/fixtures/evt_big', { body: { status: 404, body } });
    expect(put.status).toBe(201);
    const socket = connect(mock.server.port, '127.0.0.1');
    socket.write(`GET ${STREAM}?all=true HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    socket.pause();
    await waitFor('the stream to open', () =>
      mock.engine.state.feed.size === 1 ? true : undefined,
    );
    for (let round = 0; round < 60 && mock.engine.state.feed.size > 0; round += 1) {
      await Promise.all(
        Array.from({ length: 10 }, () =>
          fetch(`${mock.url}${EVENTS}/evt_big`, { headers: { authorization: AUTH } }).then((res) =>
            res.text(),
          ),
        ),
      );
    }
    expect(mock.engine.state.feed.size).toBe(0);
    socket.destroy();
  });
});

describe('live streams and the admin access rules', () => {
  it('needs the admin token in token mode', async () => {
    const guarded = await serveMock({ admin: { token: 't0ken' } });
    const refused = await openStream(`${guarded.url}${STREAM}?all=true`);
    expect(refused.status).toBe(401);
    const allowed = await openStream(`${guarded.url}${STREAM}?all=true`, {
      'X-Mock-Admin-Token': 't0ken',
    });
    expect(allowed.status).toBe(200);
    allowed.close();
  });

  it('is not there with the admin API off', async () => {
    const off = await serveMock({ admin: { enabled: false } });
    const res = await openStream(`${off.url}${STREAM}`);
    expect(res.status).toBe(404);
    expect(off.engine.state.feed.size).toBe(0);
  });

  it('ends when the server closes, without waiting for the grace period', async () => {
    const closing = await startMock({ port: 0, log: { level: 'silent' }, gracePeriodMs: 60_000 });
    const stream = await openStream(`${closing.server.url}${STREAM}?all=true`);
    expect(stream.status).toBe(200);
    await Promise.all([closing.server.close(), stream.ended]);
    expect(closing.engine.state.feed.closed).toBe(true);
  });
});
