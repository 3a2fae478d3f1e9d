import type { MockLogger } from '../config/mock-options.js';
import type { ResolvedOptions } from '../config/resolve-options.js';
import { BUNDLED_FIXTURES_DIR } from '../config/resolve-options.js';
import type { Contract } from '../contract/compile-contract.js';
import type { LoadedSpec } from '../contract/load-spec.js';
import { BUNDLED_SPEC_PATH } from '../contract/load-spec.js';
import { formatFixtureProblem } from '../fixture-files/fixture-problem.js';
import type { FixtureSources } from '../fixture-files/load-fixture-folders.js';
import { loadFixtureFolders } from '../fixture-files/load-fixture-folders.js';
import type { FixtureSet } from '../fixture-files/load-fixtures.js';
import { readFixtures } from '../fixture-files/load-fixtures.js';
import type { EventSerializer } from '../wire/create-event-serializer.js';

/**
 * The folders the options name, and beneath folders of one's own the bundled pinned answers, with
 * the bundled spec they are written for.
 */
export function fixtureSources(
  options: Pick<ResolvedOptions, 'fixtures' | 'pinnedResponses'>,
  spec: LoadedSpec,
): FixtureSources {
  const own = options.fixtures.some((folder) => folder !== BUNDLED_FIXTURES_DIR);
  const pinned = own && options.pinnedResponses && spec.origin === BUNDLED_SPEC_PATH;
  return { folders: options.fixtures, pinnedFrom: pinned ? BUNDLED_FIXTURES_DIR : undefined };
}

/**
 * The fixtures to serve: the folders of the options, combined (a later one wins), with the bundled
 * pinned answers beneath folders of one's own. A folder of your own must match the spec (or
 * start-up stops, listing every problem); the bundled fixtures were written for the bundled spec,
 * so under another spec the ones that no longer match it are reported (file, pointer, rule) and
 * left out, and the rest are served.
 */
export function loadServedFixtures(
  options: Pick<ResolvedOptions, 'fixtures' | 'pinnedResponses'>,
  spec: LoadedSpec,
  contract: Contract,
  serialize: EventSerializer,
  logger: MockLogger,
): FixtureSet {
  const sources = fixtureSources(options, spec);
  const bundledOnly = sources.folders.every((folder) => folder === BUNDLED_FIXTURES_DIR);
  if (!bundledOnly || spec.origin === BUNDLED_SPEC_PATH)
    return loadFixtureFolders(sources, contract, serialize);
  const { fixtures, problems } = readFixtures(BUNDLED_FIXTURES_DIR, contract, serialize);
  if (problems.length > 0) {
    const files = new Set(problems.map((problem) => problem.file));
    logger.error(
      `${files.size} bundled fixture${files.size === 1 ? '' : 's'} do not match the spec ${spec.origin} and are not served; their ids get generated events`,
      { problems: problems.map(formatFixtureProblem) },
    );
  }
  return fixtures;
}
