// `npm install` in a checkout: it leaves the committed lock file as it is, and with
// `--omit=dev` (no build tools) it still succeeds and says how to build dist/.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cliEnv, runNode } from './helpers/cli-process.js';
import { ROOT } from './helpers/paths.js';
import { tempDir } from './helpers/temp-dir.js';

const run = promisify(execFile);

/** A folder holding copies of the checkout's `files`. */
function copyOf(files: readonly string[]): string {
  const dir = tempDir();
  for (const file of files) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    copyFileSync(join(ROOT, file), join(dir, file));
  }
  return dir;
}

describe('npm install in a checkout', () => {
  it('leaves package-lock.json as committed', { timeout: 120_000 }, async () => {
    const dir = copyOf(['package.json', 'package-lock.json']);
    // What `npm install` decides about the lock file, without installing anything.
    await run(
      'npm',
      [
        'install',
        '--package-lock-only',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
      ],
      { cwd: dir, env: cliEnv() },
    );
    expect(readFileSync(join(dir, 'package-lock.json'), 'utf8')).toBe(
      readFileSync(join(ROOT, 'package-lock.json'), 'utf8'),
    );
  });

  it('with --omit=dev, succeeds and says how to build dist/', async () => {
    // The install's own step, in a checkout whose development dependencies are not installed.
    const dir = copyOf(['package.json', 'scripts/build-on-install.mjs']);
    const result = await runNode([join(dir, 'scripts/build-on-install.mjs')], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'dist/ is not built, because the development dependencies are not installed',
    );
    expect(result.stderr).toContain('`npm install` (without --omit=dev), then `npm run build`');
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });
});
