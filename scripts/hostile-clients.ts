// The hostile clients of `npm run soak -- --hostile`: each runs until stopped, against 127.0.0.1
// only, with a bounded number of connections, and tallies what it got back.
import { request } from 'node:http';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { generateEvent } from '../src/library/generate-event.js';

const HOST = '127.0.0.1';

/** What the hostile clients got back, by client and outcome (`431`, `closed`, `error ECONNRESET`). */
export type Tally = Map<string, Map<string, number>>;

interface Context {
  readonly port: number;
  readonly running: () => boolean;
  readonly tally: Tally;
}

function count(tally: Tally, client: string, outcome: string): void {
  const outcomes = tally.get(client) ?? new Map<string, number>();
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  tally.set(client, outcomes);
}

/** Writes `bytes` on a fresh connection and resolves with the status the mock answered, or how it ended. */
function raw(
  port: number,
  bytes: string,
  { end = true, timeoutMs = 15_000 } = {},
): Promise<string> {
  return new Promise((resolve) => {
    let reply = '';
    const socket = connect(port, HOST, () => {
      socket.write(bytes, 'latin1');
      if (end) socket.end();
    });
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      reply += chunk;
      // The status line is all that is tallied; the rest need not be read.
      if (reply.includes('\r\n')) socket.destroy();
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 'closed without an answer');
    });
    socket.on('error', () => undefined);
  });
}

function http(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<string> {
  return new Promise((resolve) => {
    const req = request({ host: HOST, port, method, path, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.statusCode)));
      res.on('error', () => resolve('error while reading'));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(`error ${error.code ?? ''}`));
    req.end(body);
  });
}

const GLOBS = ['evt_*_*_*_failed', '*a*a*a*a*a*a*a*a*a*a*b'];
const GLOB_IDS = [`evt_${'_'.repeat(3_200)}`, 'a'.repeat(60)];
const tinyHeaders = (count: number) =>
  Array.from({ length: count }, (_, index) => `x-${index}: v\r\n`).join('');

/** Requests that break the rules one way each. */
const MALFORMED = [
  'this is not HTTP\r\n\r\n',
  'GET /v1/audit/events/e1 HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n',
  'GET /v1/audit/events/e1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Nul: a\0b\r\n\r\n',
  `GET /v1/audit/events/e1 HTTP/1.1\r\nHost: 127.0.0.1\r\n${tinyHeaders(2_000)}X-Big: ${'b'.repeat(40_000)}\r\n\r\n`,
  `GET /v1/audit/events/e1 HTTP/1.1\r\nHost: 127.0.0.1\r\n${tinyHeaders(200)}\r\n`,
  `GET /v1/audit/events/${'a'.repeat(100_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`,
  `GET /v1/audit/events/${'a'.repeat(300_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`,
  'GET /v1/audit/events/e1 HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n\r\n',
  'GET http://evil.example/__mock/reset HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
  'POST /__mock/fixtures/x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
  'GET /v1/audit/events/e1 HTTP/1.1\nHost: 127.0.0.1\n\n',
  `PUT /__mock/fixtures/big HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2097152\r\n\r\n{"id":`,
  `POST /__mock/scenarios HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${600 * 2}\r\n\r\n${'['.repeat(600)}${']'.repeat(600)}`,
];

const heavy = (objects: number, filler: number) =>
  JSON.stringify({ ...generateEvent('evt_heavy'), event_payload: null }).replace(
    '"event_payload":null',
    `"event_payload":{"objects":[${'{},'.repeat(objects - 1)}{}],"filler":"${'f'.repeat(filler)}"}`,
  );
/** 1 MB of 340,000 empty objects (21 MB once parsed): refused before it is parsed. */
const EMPTY_OBJECTS = heavy(340_000, 0);
/** 1 MB of 19,000 empty objects and a string: as heavy as a body the admin API parses gets. */
const HEAVY_FIXTURE = heavy(19_000, 950_000);

async function slowloris(context: Context, connections: number): Promise<void> {
  const one = async () => {
    while (context.running()) {
      const outcome = await new Promise<string>((resolve) => {
        let reply = '';
        const socket = connect(context.port, HOST, () =>
          socket.write('GET /v1/audit/events/slow HTTP/1.1\r\nHost: 127.0.0.1\r\n'),
        );
        const drip = setInterval(() => {
          if (!context.running()) socket.destroy();
          else if (socket.writable) socket.write('X-Slow: 1\r\n');
        }, 2_000);
        socket.setEncoding('latin1');
        socket.on('data', (chunk: string) => (reply += chunk));
        socket.on('close', () => {
          clearInterval(drip);
          resolve(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 'closed');
        });
        socket.on('error', () => undefined);
      });
      count(context.tally, 'slowloris', outcome);
    }
  };
  await Promise.all(Array.from({ length: connections }, one));
}

async function malformed(context: Context, loops: number): Promise<void> {
  await Promise.all(
    Array.from({ length: loops }, async (_, loop) => {
      for (let index = loop; context.running(); index += loops) {
        const bytes = MALFORMED[index % MALFORMED.length] ?? '';
        // The 2 MiB admin body is never sent: its answer must not wait for it.
        const outcome = await raw(context.port, bytes, { end: !bytes.includes('2097152') });
        count(context.tally, `malformed #${index % MALFORMED.length}`, outcome);
      }
    }),
  );
}

async function pathologicalGlobs(context: Context, loops: number): Promise<void> {
  const json = { 'content-type': 'application/json' };
  for (const [index, pattern] of GLOBS.entries())
    for (const session of ['hostile-globs', undefined]) {
      const body = JSON.stringify({
        match: { pattern },
        steps: [{ status: 503, times: 1_000_000 }],
      });
      const headers = session === undefined ? json : { ...json, 'x-mock-session': session };
      count(
        context.tally,
        `glob scenario #${index}`,
        await http(context.port, 'POST', '/__mock/scenarios', headers, body),
      );
    }
  await Promise.all(
    Array.from({ length: loops }, async (_, loop) => {
      for (let index = loop; context.running(); index += 1) {
        const id = GLOB_IDS[index % GLOB_IDS.length] ?? '';
        const headers: Record<string, string> = { authorization: 'Bearer hostile' };
        if (index % 2 === 0) headers['x-mock-session'] = 'hostile-globs';
        count(
          context.tally,
          'pathological id',
          await http(context.port, 'GET', `/v1/audit/events/${id}`, headers),
        );
      }
    }),
  );
}

async function budgetExhaustion(context: Context, loops: number): Promise<void> {
  await Promise.all(
    Array.from({ length: loops }, async (_, loop) => {
      for (let index = 0; context.running(); index += 1) {
        const headers = {
          'content-type': 'application/json',
          'x-mock-session': `hostile-budget-${loop}-${index % 50}`,
        };
        const id = `evt_heavy_${index % 500}`;
        const objects = index % 4 === 3;
        const body = (objects ? EMPTY_OBJECTS : HEAVY_FIXTURE).replace('"evt_heavy"', `"${id}"`);
        const outcome = await http(context.port, 'PUT', `/__mock/fixtures/${id}`, headers, body);
        const what = objects ? '340,000 empty objects' : '19,000 empty objects and a string';
        count(context.tally, `PUT 1 MB fixture of ${what}`, outcome);
      }
    }),
  );
}

async function journalFlood(context: Context, loops: number): Promise<void> {
  const big = 'j'.repeat(12_000);
  await Promise.all(
    Array.from({ length: loops }, async (_, loop) => {
      for (let index = loop; context.running(); index += loops) {
        const headers = {
          authorization: 'Bearer flood',
          'x-big': big,
          'x-mock-session': `flood-${index % 400}`,
        };
        count(
          context.tally,
          'journal flood (12 KB headers, 400 sessions)',
          await http(context.port, 'GET', `/v1/audit/events/flood_${index}`, headers),
        );
      }
    }),
  );
}

/**
 * Requests that coverage and the pact would each keep apart: every one a new session with a
 * 4,000-character name and a query parameter name never seen.
 */
async function recordingFlood(context: Context, loops: number): Promise<void> {
  const name = 's'.repeat(4_000);
  const parameter = 'q'.repeat(3_000);
  await Promise.all(
    Array.from({ length: loops }, async (_, loop) => {
      for (let index = loop; context.running(); index += loops) {
        const headers = { authorization: 'Bearer flood', 'x-mock-session': `rec-${index}-${name}` };
        count(
          context.tally,
          'coverage and pact flood (a new 4 KB session and query name each)',
          await http(
            context.port,
            'GET',
            `/v1/audit/events/rec_${index}?${parameter}${index}=1`,
            headers,
          ),
        );
      }
    }),
  );
}

/** A worker that forgets X-Mock-Session: resets and clears the journal without it, reads it all. */
async function forgetfulWorker(context: Context): Promise<void> {
  while (context.running()) {
    count(
      context.tally,
      'reset without session',
      await http(context.port, 'POST', '/__mock/reset', {}),
    );
    count(
      context.tally,
      'clear journal without session',
      await http(context.port, 'DELETE', '/__mock/requests', {}),
    );
    count(
      context.tally,
      'read journal (limit=100000)',
      await http(context.port, 'GET', '/__mock/requests?limit=100000&session=flood-1', {}),
    );
    await sleep(250);
  }
}

/** Runs every hostile client until `running()` turns false; resolves once they all stopped. */
export async function runHostileClients(
  port: number,
  running: () => boolean,
  tally: Tally,
): Promise<void> {
  const context = { port, running, tally };
  await Promise.all([
    slowloris(context, 40),
    malformed(context, 4),
    pathologicalGlobs(context, 2),
    budgetExhaustion(context, 2),
    journalFlood(context, 4),
    recordingFlood(context, 2),
    forgetfulWorker(context),
  ]);
}
