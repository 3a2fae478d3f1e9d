// The `postprepare` script: `npm install` in a checkout builds dist/ (and so does npm when it
// installs the package from a git URL). With the development dependencies left out
// (`npm install --omit=dev`) nothing can be built: it says so and what to do, and the install of
// the runtime dependencies stands. Not `prepare`: npm 11 lists a dependency's `prepare` among the
// install scripts to approve when it is installed from a tarball, where it never runs.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';

const root = new URL('..', import.meta.url);
const { devDependencies } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const missing = Object.keys(devDependencies).filter(
  (name) => !existsSync(new URL(`node_modules/${name}/package.json`, root)),
);
if (missing.length > 0) {
  process.stderr.write(
    `audit-events-mock: dist/ is not built, because the development dependencies are not installed (${missing.length} missing, such as ${missing[0]}). ` +
      'To build it: `npm install` (without --omit=dev), then `npm run build`. ' +
      'To use the mock without building it, install its package instead (README.md, Install).\n',
  );
} else {
  const npm = process.env['npm_execpath'];
  execFileSync(npm ? process.execPath : 'npm', [...(npm ? [npm] : []), 'run', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
}
