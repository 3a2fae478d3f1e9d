import type { MockLogger } from '../config/mock-options.js';
import type { ResolvedOptions } from '../config/resolve-options.js';
import { BUNDLED_FIXTURES_DIR } from '../config/resolve-options.js';
import type { LoadedSpec } from '../contract/load-spec.js';
import { BUNDLED_SPEC_PATH } from '../contract/load-spec.js';
import type { FolderRead } from '../fixture-files/fixture-folder.js';
import type {
  FixtureFolders,
  FixtureSources,
  FolderChanges,
} from '../fixture-files/fixture-folders.js';
import { FixtureLoadError, formatFixtureProblem } from '../fixture-files/fixture-problem.js';
import type { FixtureSet } from '../fixture-files/load-fixtures.js';

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
 * The fixtures to serve from what the folders gave. Folders of your own must match the spec (or
 * the load fails, listing every problem); the bundled fixtures were written for the bundled spec,
 * so under another spec the ones that no longer match it are reported (file, pointer, rule) and
 * left out, and the rest are served.
 */
function served(
  read: FolderRead,
  folders: FixtureFolders,
  spec: LoadedSpec,
  logger: MockLogger,
): FixtureSet {
  const { fixtures, problems } = read;
  if (problems.length === 0) return fixtures;
  const bundledOnly = folders.directories.every((folder) => folder === BUNDLED_FIXTURES_DIR);
  if (!bundledOnly || spec.origin === BUNDLED_SPEC_PATH) throw new FixtureLoadError(problems);
  const files = new Set(problems.map((problem) => problem.file));
  logger.error(
    `${files.size} bundled fixture${files.size === 1 ? '' : 's'} do not match the spec ${spec.origin} and are not served; their ids get generated events`,
    { problems: problems.map(formatFixtureProblem) },
  );
  return fixtures;
}

/** Reads every file of the folders (blocking) and gives the fixtures to serve; see {@link served}. */
export function loadServedFixtures(
  folders: FixtureFolders,
  spec: LoadedSpec,
  logger: MockLogger,
): FixtureSet {
  return served(folders.load(), folders, spec, logger);
}

/** Reads again what changed in the folders, without blocking; see {@link served}. */
export async function reloadServedFixtures(
  folders: FixtureFolders,
  spec: LoadedSpec,
  logger: MockLogger,
  changed?: FolderChanges,
): Promise<FixtureSet> {
  return served(await folders.reload(changed), folders, spec, logger);
}
