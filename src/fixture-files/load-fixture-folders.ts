import type { Contract } from '../contract/compile-contract.js';
import type { EventSerializer } from '../wire/create-event-serializer.js';
import type { FixtureSources } from './fixture-folders.js';
import { FixtureFolders } from './fixture-folders.js';
import { FixtureLoadError } from './fixture-problem.js';
import type { FixtureSet } from './load-fixtures.js';

export type { FixtureSources };

/**
 * Loads several fixture folders into one set ({@link FixtureFolders}: the pinned responses first,
 * then each folder in order, a later fixture replacing an earlier one of the same id).
 * @throws FixtureLoadError listing the problems of every folder
 */
export function loadFixtureFolders(
  sources: FixtureSources,
  contract: Contract,
  serialize: EventSerializer,
): FixtureSet {
  const { fixtures, problems } = new FixtureFolders(sources, { contract, serialize }).load();
  if (problems.length > 0) throw new FixtureLoadError(problems);
  return fixtures;
}
