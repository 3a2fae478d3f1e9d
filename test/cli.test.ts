import { describe, expect, it } from 'vitest';
import { startCli } from './helpers/cli-process.js';

describe('the command line', () => {
  it('prints where it listens, how many fixtures it loaded and the seed, then serves', async () => {
    const cli = await startCli(['--port', '0', '--seed', 'cli-seed']);
    try {
      expect(cli.banner[0]).toMatch(
        /^audit-events-mock listening on http:\/\/127\.0\.0\.1:\d+ \(\d+ fixtures, seed "cli-seed"\)$/,
      );
      const res = await fetch(`${cli.url}/v1/audit/events/e1`, {
        headers: { authorization: 'Bearer any-token' },
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { id: string }).id).toBe('e1');
    } finally {
      expect(await cli.stop()).toEqual({ code: 0, signal: null });
    }
  });

  it('writes its start-up lines as JSON log lines when its output is not a terminal', async () => {
    const cli = await startCli(['--port', '0']);
    try {
      const [listening, admin] = cli.lines.slice(0, 2).map((line) => JSON.parse(line) as object);
      expect(listening).toMatchObject({ level: 30, url: cli.url, seed: 'audit-events-mock' });
      expect(admin).toMatchObject({ level: 30, admin: 'open' });
    } finally {
      await cli.stop();
    }
  });

  it('takes the port and host from PORT and HOST', async () => {
    const cli = await startCli([], { env: { PORT: '0', HOST: '127.0.0.1' } });
    try {
      expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(cli.url).not.toMatch(/:4010$/);
    } finally {
      await cli.stop();
    }
  });
});
