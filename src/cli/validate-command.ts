import { parseArgs } from 'node:util';
import { compileContract } from '../contract/compile-contract.js';
import { loadSpec } from '../contract/load-spec.js';
import { FixtureLoadError, formatFixtureProblem } from '../fixture-files/fixture-problem.js';
import { loadFixtures } from '../fixture-files/load-fixtures.js';
import { BUNDLED_FIXTURES_DIR } from '../config/resolve-options.js';
import { createEventSerializer } from '../wire/create-event-serializer.js';
import { UsageError } from './usage-error.js';
import { VALIDATE_USAGE } from './usage.js';

/** Runs `validate`; returns the exit code. */
export function validate(
  args: readonly string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { spec: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    out.write(VALIDATE_USAGE);
    return 0;
  }
  if (positionals.length > 1)
    throw new UsageError(
      `validate takes one folder, got ${positionals.length}: ${positionals.join(' ')}`,
    );
  const dir = positionals[0] ?? BUNDLED_FIXTURES_DIR;
  const contract = compileContract(values.spec === undefined ? loadSpec() : loadSpec(values.spec));
  try {
    const fixtures = loadFixtures(dir, contract, createEventSerializer(contract.eventFields));
    out.write(
      `${dir}: ${fixtures.events.size} event and ${fixtures.responses.size} response fixtures are valid\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof FixtureLoadError)) throw error;
    for (const problem of error.problems) err.write(`${formatFixtureProblem(problem)}\n`);
    err.write(
      `${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} in ${dir}\n`,
    );
    return 1;
  }
}
