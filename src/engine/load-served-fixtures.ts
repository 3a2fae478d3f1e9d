import type { MockLogger } from '../config/mock-options.js';
import { BUNDLED_FIXTURES_DIR } from '../config/resolve-options.js';
import type { LoadedSpec } from '../contract/load-spec.js';
import { BUNDLED_SPEC_PATH } from '../contract/load-spec.js';
import type { FixtureFolder, FolderRead } from '../fixture-files/fixture-folder.js';
import { FixtureLoadError, formatFixtureProblem } from '../fixture-files/fixture-problem.js';
import type { FixtureSet } from '../fixture-files/load-fixtures.js';

/**
 * The fixtures to serve from what a folder gave. A folder of your own must match the spec (or the
 * load fails, listing every problem); the bundled fixtures were written for the bundled spec, so
 * under another spec the ones that no longer match it are reported (file, pointer, rule) and left
 * out, and the rest are served.
 */
function served(
  read: FolderRead,
  folder: FixtureFolder,
  spec: LoadedSpec,
  logger: MockLogger,
): FixtureSet {
  const { fixtures, problems } = read;
  if (problems.length === 0) return fixtures;
  if (folder.directory !== BUNDLED_FIXTURES_DIR || spec.origin === BUNDLED_SPEC_PATH)
    throw new FixtureLoadError(problems);
  const files = new Set(problems.map((problem) => problem.file));
  logger.error(
    `${files.size} bundled fixture${files.size === 1 ? '' : 's'} do not match the spec ${spec.origin} and are not served; their ids get generated events`,
    { problems: problems.map(formatFixtureProblem) },
  );
  return fixtures;
}

/** Reads every file of the folder (blocking) and gives the fixtures to serve; see {@link served}. */
export function loadServedFixtures(
  folder: FixtureFolder,
  spec: LoadedSpec,
  logger: MockLogger,
): FixtureSet {
  return served(folder.load(), folder, spec, logger);
}

/** Reads again what changed in the folder, without blocking; see {@link served}. */
export async function reloadServedFixtures(
  folder: FixtureFolder,
  spec: LoadedSpec,
  logger: MockLogger,
  changed?: ReadonlySet<string>,
): Promise<FixtureSet> {
  return served(await folder.reload(changed), folder, spec, logger);
}
