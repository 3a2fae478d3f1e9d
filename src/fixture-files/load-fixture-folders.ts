import type { Contract } from '../contract/compile-contract.js';
import type { EventSerializer } from '../wire/create-event-serializer.js';
import type { FixtureProblem } from './fixture-problem.js';
import { FixtureLoadError } from './fixture-problem.js';
import type { EventFixture, FixtureSet, ResponseFixture } from './load-fixtures.js';
import { loadFixtures } from './load-fixtures.js';

/** Where fixtures come from: folders of events/ and responses/, and pinned answers beneath them. */
export interface FixtureSources {
  /** Absolute folders; a later one's fixture replaces an earlier one's of the same id. */
  readonly folders: readonly string[];
  /** A folder whose responses/ (the pinned answers) lie beneath `folders`, or `undefined`. */
  readonly pinnedFrom: string | undefined;
}

/**
 * Loads several fixture folders into one set: the responses of `pinnedFrom` first, then each
 * folder in order, a later fixture replacing an earlier one of the same id (event or response).
 * Every folder is checked; a problem names its file under its folder when there are several.
 * @throws FixtureLoadError listing the problems of every folder
 */
export function loadFixtureFolders(
  sources: FixtureSources,
  contract: Contract,
  serialize: EventSerializer,
): FixtureSet {
  const { folders, pinnedFrom } = sources;
  const only = folders[0];
  if (folders.length === 1 && only !== undefined && pinnedFrom === undefined)
    return loadFixtures(only, contract, serialize);
  const events = new Map<string, EventFixture>();
  const responses = new Map<string, ResponseFixture>();
  const problems: FixtureProblem[] = [];
  const layers = [
    ...(pinnedFrom === undefined ? [] : [{ folder: pinnedFrom, pinned: true }]),
    ...folders.map((folder) => ({ folder, pinned: false })),
  ];
  for (const { folder, pinned } of layers) {
    let set: FixtureSet;
    try {
      set = loadFixtures(folder, contract, serialize);
    } catch (error) {
      if (!(error instanceof FixtureLoadError)) throw error;
      const many = folders.length > 1;
      problems.push(
        ...error.problems.map((problem) =>
          many ? { ...problem, file: `${folder}/${problem.file}` } : problem,
        ),
      );
      continue;
    }
    if (!pinned)
      for (const [id, fixture] of set.events) {
        responses.delete(id);
        events.set(id, fixture);
      }
    for (const [id, fixture] of set.responses) {
      events.delete(id);
      responses.set(id, fixture);
    }
  }
  if (problems.length > 0) throw new FixtureLoadError(problems);
  return { events, responses };
}
