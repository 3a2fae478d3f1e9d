import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
      if (name === 'audit-events-mock') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`Cannot find the audit-events-mock package folder above ${start}.`);
    dir = parent;
  }
}

/**
 * The installed package's folder (the one holding its package.json, spec/ and fixtures/), found
 * from this module's location so that it holds from src/, from dist/ and from a bundle alike.
 */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the installed package, e.g. `packagePath('spec', 'openapi.json')`. */
export function packagePath(...parts: readonly string[]): string {
  return join(PACKAGE_ROOT, ...parts);
}
