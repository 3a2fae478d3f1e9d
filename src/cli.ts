#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { SpecError } from './contract/load-spec.js';
import { FixtureLoadError } from './fixtures/fixture-problem.js';
import { DEFAULT_SEED } from './mock-options.js';
import { DEFAULT_AUTH, parseAuthMode } from './pipeline/auth-options.js';
import { ListenError, startServer } from './start-server.js';

const USAGE = `Usage: audit-events-mock [options]

Serves GET /v1/audit/events/{event_id} from fixtures and deterministic generated events.

Options:
  --port <n>        port to listen on (env PORT; default 4010; 0 picks a free port)
  --host <addr>     address to bind (env HOST; default 127.0.0.1)
  --seed <s>        seed of the generated data set (env SEED; default "${DEFAULT_SEED}")
  --spec <file>     OpenAPI 3.1 JSON document (default: the bundled spec)
  --fixtures <dir>  fixtures folder with events/ and responses/ (default: the bundled fixtures)
  --auth <mode>     bearer-or-api-key (default), bearer-only or none
  --accept-token <t>  accept only this token or API key (repeatable)
  --reject-token <t>  also reject this token or API key (repeatable; expired and invalid always are)
  --cors-origin <o>   allow only this browser origin (repeatable; default: any origin)
  -h, --help        show this help
`;

function fail(message: string, code: number): never {
  process.stderr.write(`audit-events-mock: ${message}\n`);
  process.exit(code);
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535)
    fail(`--port must be a number from 0 to 65535, got "${text}".`, 2);
  return port;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        spec: { type: 'string' },
        fixtures: { type: 'string' },
        auth: { type: 'string' },
        'accept-token': { type: 'string', multiple: true },
        'reject-token': { type: 'string', multiple: true },
        'cors-origin': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`, 2);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const seed = values.seed ?? process.env['SEED'] ?? DEFAULT_SEED;
  const server = await startServer({
    port: parsePort(values.port ?? process.env['PORT'] ?? '4010'),
    host: values.host ?? process.env['HOST'] ?? '127.0.0.1',
    seed,
    ...(values.spec === undefined ? {} : { spec: values.spec }),
    ...(values.fixtures === undefined ? {} : { fixtures: values.fixtures }),
    auth: {
      mode: parseAuthMode(values.auth ?? 'bearer-or-api-key'),
      reject: [...DEFAULT_AUTH.reject, ...(values['reject-token'] ?? [])],
      ...(values['accept-token'] === undefined ? {} : { accept: values['accept-token'] }),
    },
    cors: { origins: values['cors-origin'] ?? '*' },
  });
  const count = server.mock.fixtures.events.size + server.mock.fixtures.responses.size;
  process.stdout.write(
    `audit-events-mock listening on ${server.url} (${count} fixtures, seed "${seed}")\n`,
  );
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof RangeError) fail(error.message, 2);
  if (
    error instanceof SpecError ||
    error instanceof FixtureLoadError ||
    error instanceof ListenError
  ) {
    fail(error.message, 1);
  }
  fail(error instanceof Error ? (error.stack ?? error.message) : String(error), 1);
});
