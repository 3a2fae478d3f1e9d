import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { NOT_A_FIXTURE_ID, type ServerName } from './scenarios.js';
import { missingFiles, ROOT } from './servers.js';

/** Newest change under `dir`, leaving out `generated/` (rewritten by `npm run typecheck` after a build). */
function newestSourceMtime(dir: string): number {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file !== 'generated' && !file.startsWith(`generated${sep}`),
  );
  return Math.max(0, ...files.map((file) => statSync(join(dir, file)).mtimeMs));
}

/** Problems that stop the bench before anything starts, and warnings that do not. */
export function preflight(servers: readonly ServerName[]): {
  errors: string[];
  warnings: string[];
} {
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const file of missingFiles(servers)) {
    errors.push(
      file.startsWith('dist/')
        ? `${file} is missing: run \`npm run build\` first.`
        : `${file} is missing: run \`npm install\` first.`,
    );
  }
  const cli = join(ROOT, 'dist/cli.cjs');
  if (existsSync(cli) && newestSourceMtime(join(ROOT, 'src')) > statSync(cli).mtimeMs)
    warnings.push('src/ has changed since dist/ was built: the bench measures dist/.');
  if (existsSync(join(ROOT, 'fixtures/events', `${NOT_A_FIXTURE_ID}.json`)))
    errors.push(`${NOT_A_FIXTURE_ID} must not be a fixture (generated-same scenario).`);
  return { errors, warnings };
}
