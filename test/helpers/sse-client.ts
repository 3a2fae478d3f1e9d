import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { LiveRequest } from '../../src/admin/route-request-stream.js';
import { waitFor } from './wait-for.js';

/** One server-sent event as received. */
export interface ReceivedEvent {
  readonly type: string;
  readonly id: string | undefined;
  readonly data: string;
}

/** A live request stream of the admin API, read as a test would watch it. */
export interface OpenStream {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  /** Every event so far, in order. */
  readonly events: ReceivedEvent[];
  /** The `request` events so far, parsed. */
  requests(): LiveRequest[];
  /** Waits for a `request` event that `matches`; fails after `timeoutMs`. */
  next(
    what: string,
    matches: (live: LiveRequest) => boolean,
    timeoutMs?: number,
  ): Promise<LiveRequest>;
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  /** Text of a refused stream (a JSON `detail`). */
  body(): string;
  close(): void;
}

function parseBlock(block: string): ReceivedEvent | undefined {
  let type = 'message';
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const name = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (name === 'event') type = value;
    else if (name === 'id') id = value;
    else if (name === 'data') data.push(value);
  }
  return data.length === 0 ? undefined : { type, id, data: data.join('\n') };
}

/** Opens `GET <url>` as an event stream; resolves once the status line arrived. */
export function openStream(url: string, headers: Record<string, string> = {}): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      headers: { accept: 'text/event-stream', ...headers },
      agent: false,
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const events: ReceivedEvent[] = [];
      let text = '';
      let raw = '';
      const ended = new Promise<void>((done) => {
        res.on('end', done);
        res.on('close', done);
        res.on('error', () => done());
      });
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        raw += chunk;
        text += chunk;
        const blocks = text.split('\n\n');
        text = blocks.pop() ?? '';
        for (const block of blocks) {
          const event = parseBlock(block);
          if (event) events.push(event);
        }
      });
      const requests = () =>
        events
          .filter((event) => event.type === 'request')
          .map((event) => JSON.parse(event.data) as LiveRequest);
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        requests,
        next: (what, matches, timeoutMs = 5_000) =>
          waitFor(what, () => requests().find(matches), { timeoutMs }),
        ended,
        body: () => raw,
        close: () => req.destroy(),
      });
    });
    req.end();
  });
}
