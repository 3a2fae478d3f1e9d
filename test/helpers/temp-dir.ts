import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

const created: string[] = [];

afterEach(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * Makes a temporary folder holding `files` (path → text). It is removed after the test: by the
 * test's own `onTestFinished` when given (needed in concurrent tests, where a shared `afterEach`
 * would remove a neighbour's folder), else after each test of the file.
 */
export function tempDir(
  files: Readonly<Record<string, string>> = {},
  onTestFinished?: (cleanup: () => void) => void,
): string {
  const dir = mkdtempSync(join(tmpdir(), 'audit-events-mock-'));
  if (onTestFinished) onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  else created.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
