import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startCli } from './helpers/cli-process.js';
import { AUTH_HEADERS } from './helpers/credentials.js';
import { httpGet } from './helpers/http-get.js';
import { serveMock } from './helpers/serve-mock.js';
import { waitFor } from './helpers/wait-for.js';

/** How one request ended for a client. */
type Outcome =
  | { readonly kind: 'answered'; readonly status: number; readonly connection: string | undefined }
  | { readonly kind: 'refused' }
  | { readonly kind: 'lost'; readonly code: string | undefined; readonly message: string };

function send(port: number, path: string, agent: Agent): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent, headers: AUTH_HEADERS }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({
          kind: 'answered',
          status: res.statusCode ?? 0,
          connection: res.headers.connection,
        }),
      );
      res.on('error', (error: NodeJS.ErrnoException) =>
        resolve({ kind: 'lost', code: error.code, message: error.message }),
      );
    });
    // A request sent to a server no longer listening is refused, never accepted: not lost.
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve(
        error.code === 'ECONNREFUSED'
          ? { kind: 'refused' }
          : { kind: 'lost', code: error.code, message: error.message },
      ),
    );
    req.end();
  });
}

describe('shutdown under load loses no request', () => {
  it('50 keep-alive clients sending during SIGTERM: every accepted request is answered, the last answers say Connection: close', async () => {
    const cli = await startCli(['--port', '0', '--log-level', 'warn']);
    const clients = Array.from({ length: 50 }, () => ({
      agent: new Agent({ keepAlive: true, maxSockets: 1 }),
      outcomes: [] as Outcome[],
    }));
    let signalled = false;
    try {
      const running = clients.map(async (client, index) => {
        for (let n = 0; ; n += 1) {
          const outcome = await send(cli.port, `/v1/audit/events/c${index}_${n}`, client.agent);
          client.outcomes.push(outcome);
          if (outcome.kind !== 'answered' && signalled) return;
          if (outcome.kind === 'lost') return;
        }
      });
      // A generous bound: on a loaded machine a fresh process takes a while to warm up.
      await waitFor(
        'every client to be answered a few times',
        () => (clients.every((client) => client.outcomes.length >= 5) ? true : undefined),
        { timeoutMs: 40_000 },
      );
      signalled = true;
      cli.signal('SIGTERM');
      await Promise.all(running);
      expect(await cli.exited).toEqual({ code: 0, signal: null });

      const outcomes = clients.flatMap((client) => client.outcomes);
      expect(outcomes.filter((outcome) => outcome.kind === 'lost')).toEqual([]);
      for (const client of clients) {
        const answers = client.outcomes.filter((outcome) => outcome.kind === 'answered');
        expect(answers.every((answer) => answer.kind === 'answered' && answer.status === 200)).toBe(
          true,
        );
        // The answer before the client's first refusal told it to close the connection.
        expect(answers.at(-1)).toMatchObject({ connection: 'close' });
        expect(client.outcomes.at(-1)).toEqual({ kind: 'refused' });
      }
    } finally {
      for (const client of clients) client.agent.destroy();
      await cli.stop('SIGKILL');
    }
  }, 60_000);

  it('answers a request in flight during close() with Connection: close', async () => {
    const { server, engine } = await serveMock();
    const agent = new Agent({ keepAlive: true });
    try {
      const before = engine.state.journal.arrived;
      const { answer } = httpGet(
        `${server.url}/v1/audit/events/e1`,
        { ...AUTH_HEADERS, prefer: 'delay=500' },
        agent,
      );
      await waitFor('the request to arrive', () =>
        engine.state.journal.arrived > before ? true : undefined,
      );
      const closing = server.close();
      const { status, headers } = await answer;
      expect([status, headers.connection]).toEqual([200, 'close']);
      await closing;
    } finally {
      agent.destroy();
    }
  });
});
