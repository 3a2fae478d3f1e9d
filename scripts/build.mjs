// Builds dist/ from src/ (after `npm run generate`):
// - index.cjs (the library) and cli.cjs (the command line): each one CommonJS bundle of the mock's
//   own modules, its dependencies left external and loaded where src/ loads them (Express and
//   faker on first use). CommonJS, because Node loads one CommonJS file faster than a graph of
//   ES modules (see bench/README.md, cold start);
// - index.js: the ES module entry, re-exporting index.cjs by name, so that `import` and
//   `require` share one copy of the library (one MockError class, one cache);
// - index.d.ts, and the same as index.d.cts for `require`: the public API's declarations in one
//   file that imports only from dependencies.
// Run by `npm run build`.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
process.chdir(root);
rmSync('dist', { recursive: true, force: true });

await build({
  entryPoints: { index: 'src/index.ts', cli: 'src/cli.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.19',
  // A dependency (or an optional peer) is installed beside the package, never copied into it.
  external: [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies ?? {})],
  // import.meta.url, which CommonJS has not: the bundle's own file URL.
  inject: ['scripts/cjs-import-meta-url.js'],
  define: { 'import.meta.url': 'importMetaUrl' },
  charset: 'utf8',
  logLevel: 'warning',
});

const names = Object.keys(createRequire(import.meta.url)(`${root}dist/index.cjs`)).sort();
writeFileSync(
  'dist/index.js',
  `// The ES module entry of audit-events-mock: the library is index.cjs, shared with require().\nexport {\n${names.map((name) => `  ${name},\n`).join('')}} from './index.cjs';\n`,
);

execFileSync(
  process.execPath,
  [
    'node_modules/dts-bundle-generator/dist/bin/dts-bundle-generator.js',
    '--project',
    'tsconfig.build.json',
    '--silent',
    '--no-banner',
    // A consumer's type check of the installed package checks them (test/package.test.ts).
    '--no-check',
    '--export-referenced-types=false',
    '-o',
    'dist/index.d.ts',
    'src/index.ts',
  ],
  { stdio: 'inherit' },
);
// The same declarations, under the name TypeScript looks for beside index.cjs.
copyFileSync('dist/index.d.ts', 'dist/index.d.cts');
