import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { CLI } from './helpers/paths.js';

/** Starts the CLI as a real process and reads the line where it says it listens. */
async function startCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn('node', [CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = createInterface({ input: child.stdout });
  const [line] = (await once(lines, 'line')) as [string];
  return {
    line,
    url: /listening on (http:\/\/\S+)/.exec(line)?.[1] ?? '',
    stop: async () => {
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    },
  };
}

describe('the command line', () => {
  it('prints where it listens, how many fixtures it loaded and the seed, then serves', async () => {
    const cli = await startCli(['--port', '0', '--seed', 'cli-seed']);
    try {
      expect(cli.line).toMatch(
        /^audit-events-mock listening on http:\/\/127\.0\.0\.1:\d+ \(\d+ fixtures, seed "cli-seed"\)$/,
      );
      const res = await fetch(`${cli.url}/v1/audit/events/e1`, {
        headers: { authorization: 'Bearer any-token' },
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { id: string }).id).toBe('e1');
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });

  it('takes the port and host from PORT and HOST', async () => {
    const cli = await startCli([], { PORT: '0', HOST: '127.0.0.1' });
    try {
      expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(cli.url).not.toMatch(/:4010$/);
    } finally {
      await cli.stop();
    }
  });
});
