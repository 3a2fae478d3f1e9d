import type { MockLogger } from '../config/mock-options.js';
import { BUNDLED_FIXTURES_DIR } from '../config/resolve-options.js';
import type { Contract } from '../contract/compile-contract.js';
import type { LoadedSpec } from '../contract/load-spec.js';
import { BUNDLED_SPEC_PATH } from '../contract/load-spec.js';
import { formatFixtureProblem } from '../fixture-files/fixture-problem.js';
import type { FixtureSet } from '../fixture-files/load-fixtures.js';
import { loadFixtures, readFixtures } from '../fixture-files/load-fixtures.js';
import type { EventSerializer } from '../wire/create-event-serializer.js';

/**
 * The fixtures to serve. A folder of your own must match the spec (or start-up stops, listing every
 * problem); the bundled fixtures were written for the bundled spec, so under another spec the ones
 * that no longer match it are reported (file, pointer, rule) and left out, and the rest are served.
 */
export function loadServedFixtures(
  directory: string,
  spec: LoadedSpec,
  contract: Contract,
  serialize: EventSerializer,
  logger: MockLogger,
): FixtureSet {
  if (directory !== BUNDLED_FIXTURES_DIR || spec.origin === BUNDLED_SPEC_PATH)
    return loadFixtures(directory, contract, serialize);
  const { fixtures, problems } = readFixtures(directory, contract, serialize);
  if (problems.length > 0) {
    const files = new Set(problems.map((problem) => problem.file));
    logger.error(
      `${files.size} bundled fixture${files.size === 1 ? '' : 's'} do not match the spec ${spec.origin} and are not served; their ids get generated events`,
      { problems: problems.map(formatFixtureProblem) },
    );
  }
  return fixtures;
}
