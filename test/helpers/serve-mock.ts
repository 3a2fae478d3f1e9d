import { afterAll } from 'vitest';
import type { MockOptions } from '../../src/config/mock-options.js';
import type { Engine } from '../../src/engine/engine.js';
import type { RunningServer } from '../../src/library/start-server.js';
import { startMock } from '../../src/library/start-server.js';

/** A mock listening for one test file: its URL (what supertest and fetch take), server and engine. */
export interface ServedMock {
  readonly url: string;
  readonly server: RunningServer;
  readonly engine: Engine;
}

const open = new Set<RunningServer>();

// Every mock a test file starts is closed when the file is done (registered once per file).
afterAll(async () => {
  const servers = [...open];
  open.clear();
  await Promise.all(servers.map((server) => server.close()));
});

/**
 * Starts a mock the way the CLI and `startServer` do (127.0.0.1, a free port; logs nowhere unless
 * the test gives a logger); it is closed when the test file ends.
 */
export async function serveMock(options: MockOptions = {}): Promise<ServedMock> {
  // Quiet by default; a logger given by the test gets everything.
  const log =
    options.logger === undefined ? { level: 'silent' as const } : { level: 'debug' as const };
  const { server, engine } = await startMock({ port: 0, log, ...options });
  open.add(server);
  return { url: server.url, server, engine };
}

/** {@link serveMock}, giving just its URL: `const mock = await mockUrl();` then `request(mock)`. */
export async function mockUrl(options: MockOptions = {}): Promise<string> {
  return (await serveMock(options)).url;
}
