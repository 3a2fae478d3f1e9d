// Measures what installing the package costs a consumer, against @stoplight/prism-cli installed
// the same way: each into a fresh project with `npm install` (runtime dependencies only), then
// the packages installed, their size on disk and the time the install took.
// Usage: npm run bench:install (after `npm run build`); it reaches the npm registry.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './servers.js';
import { renderTable } from './table.js';

const PRISM = '@stoplight/prism-cli@5.12.0';

interface InstallFigures {
  readonly what: string;
  readonly packages: number;
  readonly diskMb: number;
  readonly bytesMb: number;
  readonly seconds: number;
}

function npm(args: readonly string[], cwd: string): string {
  return execFileSync('npm', [...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function measure(what: string, spec: string, dir: string): InstallFigures {
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'measure', private: true }));
  const started = performance.now();
  npm(['install', '--omit=dev', '--no-audit', '--no-fund', spec], dir);
  const seconds = (performance.now() - started) / 1000;
  const lock = JSON.parse(
    readFileSync(join(dir, 'node_modules', '.package-lock.json'), 'utf8'),
  ) as {
    packages: Record<string, unknown>;
  };
  const du = (flag: string) =>
    Number(
      execFileSync('du', ['-s', flag, join(dir, 'node_modules')], { encoding: 'utf8' }).split(
        '\t',
      )[0],
    );
  return {
    what,
    // Every package folder in node_modules, the package itself included.
    packages: Object.keys(lock.packages).filter((path) => path.startsWith('node_modules/')).length,
    diskMb: du('-k') / 1024,
    bytesMb: du('-b') / 1024 / 1024,
    seconds,
  };
}

const work = mkdtempSync(join(tmpdir(), 'install-size-'));
try {
  const tarball = npm(['pack', '--ignore-scripts', '--silent', '--pack-destination', work], ROOT)
    .trim()
    .split('\n')
    .pop();
  if (!tarball) throw new Error('npm pack wrote no tarball');
  const project = (name: string) => mkdirSync(join(work, name)) ?? join(work, name);
  const figures = [
    measure(`audit-events-mock (${tarball})`, join(work, tarball), project('ours')),
    measure(PRISM, PRISM, project('prism')),
  ];
  process.stdout.write(
    `${renderTable(
      ['installed', 'packages', 'on disk MB', 'file bytes MB', 'install s'],
      figures.map((figure) => [
        figure.what,
        String(figure.packages),
        figure.diskMb.toFixed(1),
        figure.bytesMb.toFixed(1),
        figure.seconds.toFixed(1),
      ]),
    )}\n`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
