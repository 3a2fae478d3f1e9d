import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Like {@link tempDir} but removed by the test's own `onTestFinished` (from the test context),
 * so it is safe in concurrent tests, where a shared `afterEach` would remove a neighbour's folder.
 */
export function scratchDir(
  onTestFinished: (cleanup: () => void) => void,
  files: Readonly<Record<string, string>> = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), 'audit-events-mock-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
