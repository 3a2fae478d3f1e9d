import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RUN_FLAGS } from '../src/cli/run-flags.js';
import { compileContract } from '../src/contract/compile-contract.js';
import { loadSpec } from '../src/contract/load-spec.js';
import { outcomeCatalog } from '../src/contract/outcome-catalog.js';
import { ROOT } from './helpers/paths.js';

const read = (file: string) => readFileSync(`${ROOT}${file}`, 'utf8');

describe('the CI documentation', () => {
  it.each(['auth', 'routing'])(
    'shows the consumer suite file %s.test.mjs as it is run by the tests',
    (name) => {
      const file = `test/examples/ci-suite/${name}.test.mjs`;
      const section = read('docs/ci.md').split(`\`${file}\`:`)[1] ?? '';
      const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
      expect(code).toBe(read(file));
    },
  );

  it('lists every outcome of the model with its kind and basis', () => {
    const rows = new Map(
      read('docs/coverage.md')
        .split('\n')
        .map((line) => /^\| `([^`]+)` +\| (contract|mock-only) +\| (\w+) +\|/.exec(line))
        .filter((match) => match !== null)
        .map((match) => [match[1] ?? '', `${match[2]} ${match[3]}`]),
    );
    const catalog = outcomeCatalog(compileContract(loadSpec()));
    for (const outcome of catalog.outcomes.filter((o) => !o.id.startsWith('field-')))
      expect([outcome.id, rows.get(outcome.id)]).toEqual([
        outcome.id,
        `${outcome.kind} ${outcome.basis}`,
      ]);
    expect([...rows.keys()].filter((id) => !id.startsWith('field-'))).toHaveLength(
      catalog.outcomes.filter((o) => !o.id.startsWith('field-')).length,
    );
  });

  it('documents every flag of run', () => {
    const cli = read('docs/cli.md');
    for (const flag of Object.keys(RUN_FLAGS)) expect(cli).toContain(`\`--${flag}`);
    expect(cli).toContain('`--no-parent-watch`');
  });
});
