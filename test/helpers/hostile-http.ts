import { request as httpRequest } from 'node:http';
import type { Agent, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { expect } from 'vitest';

/** One answer as a client saw it: status, headers by lower-case name, body as UTF-8 text. */
export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
  /** Header names and values as received, in order (only from {@link exactRequest}). */
  readonly rawHeaders?: readonly string[];
}

/** What may legitimately come back: forced 5xx only when the test forced them. */
export interface AnswerRules {
  /** The request forced a 5xx (Prefer, `__code`, a pinned or run-time response): allow it. */
  readonly forced5xx?: boolean;
}

const STACK_LINE = /\n\s+at /;
const HTML = /<!doctype|<html|<body|<pre>/i;

function header(answer: Answer, name: string): string | undefined {
  const value = answer.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Asserts one answer is what the README promises for any input: a JSON body (a `{"detail": ...}`
 * object for errors) with `content-type: application/json`, or an empty 204/307, or the
 * provider's plain-text 500 when it was forced; never a stack trace, never HTML, never an
 * unforced 5xx.
 */
export function expectWellFormed(answer: Answer, rules: AnswerRules = {}): void {
  const where = `${answer.status} ${answer.body.slice(0, 300)}`;
  expect(answer.body, where).not.toMatch(STACK_LINE);
  expect(answer.body, where).not.toContain('    at ');
  expect(answer.body, where).not.toMatch(HTML);
  expect(answer.status, where).toBeGreaterThanOrEqual(200);
  if (answer.status >= 500) expect(rules.forced5xx ?? false, `unforced ${where}`).toBe(true);
  if (answer.status === 204 || answer.status === 307) {
    expect(answer.body, where).toBe('');
    if (answer.status === 307) expect(header(answer, 'location'), where).toBeTypeOf('string');
    return;
  }
  const type = header(answer, 'content-type') ?? '';
  if (answer.status === 500 && type.startsWith('text/plain')) {
    expect(answer.body, where).toBe('Internal Server Error');
    return;
  }
  expect(type, where).toMatch(/^application\/json(;|$)/);
  const parsed: unknown = JSON.parse(answer.body);
  if (answer.status >= 400) {
    expect(parsed, where).toBeTypeOf('object');
    expect(parsed, where).toHaveProperty('detail');
  }
}

/** The port a listening server is bound to. */
export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

/** Starts `server` on 127.0.0.1 and a free port; resolves with the port. */
export function listenLocal(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(portOf(server)));
  });
}

/** Closes a server and every connection it still holds. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/**
 * A request with node:http whose path goes on the wire exactly as given (no URL normalisation:
 * `..`, `%2e`, `\` and friends reach the server untouched).
 */
export function exactRequest(
  port: number,
  path: string,
  options: {
    readonly method?: string;
    readonly headers?: Readonly<Record<string, string>>;
    readonly body?: string | Buffer;
    readonly agent?: Agent;
  } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: options.agent ?? false,
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (chunk: Buffer) => parts.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers as IncomingHttpHeaders,
            body: Buffer.concat(parts).toString('utf8'),
            rawHeaders: res.rawHeaders,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** What came back on a raw socket: the bytes, and how the exchange ended. */
export interface RawReply {
  readonly bytes: Buffer;
  /** `closed`: the server closed the connection; `timeout`: still open when we gave up. */
  readonly ended: 'closed' | 'error' | 'timeout';
}

/**
 * Writes `bytes` to a fresh TCP connection to 127.0.0.1:`port`, half-closes it, and collects the
 * reply until the server closes the connection or `timeoutMs` passes.
 */
export function rawExchange(
  port: number,
  bytes: string | Buffer,
  options: { readonly timeoutMs?: number; readonly halfClose?: boolean } = {},
): Promise<RawReply> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let settled = false;
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
      if (options.halfClose ?? true) socket.end();
    });
    const settle = (ended: RawReply['ended']) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ bytes: Buffer.concat(parts), ended });
    };
    const timer = setTimeout(() => settle('timeout'), options.timeoutMs ?? 3_000);
    socket.on('data', (chunk: Buffer) => parts.push(chunk));
    socket.on('close', () => settle('closed'));
    socket.on('error', () => settle('error'));
  });
}

/**
 * Parses the HTTP/1.1 answers in `bytes` (several when pipelined): status line, headers, and a
 * `content-length` or chunked body. Throws on anything that is not a well-framed answer.
 */
export function parseRawAnswers(bytes: Buffer): Answer[] {
  const answers: Answer[] = [];
  let at = 0;
  while (at < bytes.length) {
    const headEnd = bytes.indexOf('\r\n\r\n', at, 'latin1');
    if (headEnd === -1)
      throw new Error(`no end of headers in ${bytes.subarray(at).toString('latin1')}`);
    const [statusLine = '', ...lines] = bytes
      .subarray(at, headEnd)
      .toString('latin1')
      .split('\r\n');
    const status = /^HTTP\/1\.1 (\d{3}) /.exec(statusLine);
    if (!status) throw new Error(`not an HTTP/1.1 status line: ${JSON.stringify(statusLine)}`);
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    at = headEnd + 4;
    let body: Buffer;
    if (headers['transfer-encoding'] === 'chunked') {
      const chunks: Buffer[] = [];
      for (;;) {
        const sizeEnd = bytes.indexOf('\r\n', at, 'latin1');
        const size = parseInt(bytes.subarray(at, sizeEnd).toString('latin1'), 16);
        at = sizeEnd + 2;
        if (size === 0) {
          at += 2;
          break;
        }
        chunks.push(bytes.subarray(at, at + size));
        at += size + 2;
      }
      body = Buffer.concat(chunks);
    } else {
      const length = Number(headers['content-length'] ?? 0);
      body = bytes.subarray(at, at + length);
      at += length;
    }
    answers.push({ status: Number(status[1]), headers, body: body.toString('utf8') });
    if (Number(status[1]) === 100) answers.pop();
  }
  return answers;
}

/** A plain `GET` request as raw bytes, with `Host` unless told otherwise. */
export function rawGetRequest(
  path: string,
  headers: Readonly<Record<string, string>> = {},
  host: string | null = '127.0.0.1',
): string {
  const lines = [
    `GET ${path} HTTP/1.1`,
    ...(host === null ? [] : [`Host: ${host}`]),
    'Connection: close',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}
