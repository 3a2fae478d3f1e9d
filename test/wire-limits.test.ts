import { describe, expect, it } from 'vitest';
import type { Answer } from './helpers/hostile-http.js';
import { expectWellFormed, parseRawAnswers, rawExchange } from './helpers/hostile-http.js';
import { AUTH } from './helpers/credentials.js';
import { serveMock } from './helpers/serve-mock.js';

const mock = await serveMock();

/** One raw request (`lines` joined with CRLF, then an empty line) and the one answer to it. */
async function exchange(lines: readonly string[]): Promise<Answer> {
  const reply = await rawExchange(mock.server.port, `${lines.join('\r\n')}\r\n\r\n`, {
    timeoutMs: 5_000,
    // Without a half-close: the admin side answers a moment later, after loading.
    halfClose: false,
  });
  const [answer] = parseRawAnswers(reply.bytes);
  if (!answer) throw new Error(`no answer: ${reply.bytes.toString('latin1').slice(0, 200)}`);
  expectWellFormed(answer);
  return answer;
}

const fields = (count: number) => Array.from({ length: count }, (_, index) => `X-F${index}: v`);
const get = (target: string, ...headers: string[]) => [
  `GET ${target} HTTP/1.1`,
  'Host: 127.0.0.1',
  'Connection: close',
  `Authorization: ${AUTH}`,
  ...headers,
];

describe('header and request-line limits, as documented', () => {
  it('answers 2,000 tiny headers and one of 40 KB with 431, none dropped uncounted', async () => {
    const answer = await exchange(
      get('/v1/audit/events/e1', ...fields(2_000), `X-Big: ${'b'.repeat(40_000)}`),
    );
    expect(answer.status).toBe(431);
  });

  it('answers 2,000 tiny headers alone (12 KB) with 431: more than 100 fields', async () => {
    const answer = await exchange(get('/v1/audit/events/e1', ...fields(2_000)));
    expect(answer.status).toBe(431);
    expect(JSON.parse(answer.body)).toEqual({
      detail: 'The request has more than 100 header fields; send fewer.',
    });
  });

  it('answers 100 header fields, and 431 for 101', async () => {
    // get() sends 3 fields of its own.
    expect((await exchange(get('/v1/audit/events/e1', ...fields(97)))).status).toBe(200);
    expect((await exchange(get('/v1/audit/events/e1', ...fields(98)))).status).toBe(431);
  });

  it('answers a 100 KB request line with 414, not 431', async () => {
    const answer = await exchange(get(`/v1/audit/events/${'a'.repeat(100_000)}`));
    expect(answer.status).toBe(414);
  });

  it('answers two Host headers with 400 (RFC 9112)', async () => {
    const answer = await exchange(get('/v1/audit/events/e1', 'Host: evil.example'));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({
      detail: 'The request has more than one Host header; send exactly one.',
    });
  });

  it('routes an absolute-form request by its path, with the host it names', async () => {
    const answer = await exchange(get('http://mock.example/v1/audit/events/e1?x=1'));
    expect(answer.status).toBe(200);
    expect((JSON.parse(answer.body) as { id: string }).id).toBe('e1');
    const redirect = await exchange(get('HTTP://mock.example:8080/v1/audit/events/e1/'));
    expect([redirect.status, redirect.headers['location']]).toEqual([
      307,
      'http://mock.example:8080/v1/audit/events/e1',
    ]);
    const admin = await exchange([
      'GET http://localhost/__mock/health HTTP/1.1',
      'Host: localhost',
      'Connection: close',
    ]);
    expect((JSON.parse(admin.body) as { status: string }).status).toBe('ok');
  });
});
