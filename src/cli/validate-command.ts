import { parseArgs } from 'node:util';
import { isAbsolute, resolve } from 'node:path';
import { compileContract } from '../contract/compile-contract.js';
import { loadSpec } from '../contract/load-spec.js';
import { FixtureLoadError, formatFixtureProblem } from '../fixture-files/fixture-problem.js';
import { loadFixtureFolders } from '../fixture-files/load-fixture-folders.js';
import { BUNDLED_FIXTURES_DIR } from '../config/resolve-options.js';
import { createEventSerializer } from '../wire/create-event-serializer.js';
import { VALIDATE_USAGE } from './usage.js';

/**
 * Runs `validate`: checks the fixture folders given (as arguments or with `--fixtures`, as
 * `serve` takes them), else the bundled ones, and says which it checked. Returns the exit code.
 */
export function validate(
  args: readonly string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      spec: { type: 'string' },
      fixtures: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    out.write(VALIDATE_USAGE);
    return 0;
  }
  const given = [...positionals, ...(values.fixtures ?? [])];
  const folders = given.length === 0 ? [BUNDLED_FIXTURES_DIR] : given;
  const named = folders.map((folder) => (isAbsolute(folder) ? folder : resolve(folder)));
  const checked =
    given.length === 0
      ? `the bundled fixtures (${BUNDLED_FIXTURES_DIR}), as no folder was given (pass one, or --fixtures <dir>)`
      : named.join(', ');
  const contract = compileContract(values.spec === undefined ? loadSpec() : loadSpec(values.spec));
  try {
    const fixtures = loadFixtureFolders(
      { folders: named, pinnedFrom: undefined },
      contract,
      createEventSerializer(contract.eventFields),
    );
    out.write(
      `checked ${checked}: ${fixtures.events.size} event and ${fixtures.responses.size} response fixtures are valid\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof FixtureLoadError)) throw error;
    for (const problem of error.problems) err.write(`${formatFixtureProblem(problem)}\n`);
    err.write(
      `${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} in ${checked}\n`,
    );
    return 1;
  }
}
