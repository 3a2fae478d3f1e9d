import type { Contract } from '../contract/compile-contract.js';
import type { EventSerializer } from '../wire/create-event-serializer.js';
import type { EventFixture } from './check-fixture-file.js';
import type { ResponseFixture } from './check-response-fixture.js';
import type { FixtureSet } from './fixture-folder.js';
import { FixtureFolder } from './fixture-folder.js';
import { FixtureLoadError } from './fixture-problem.js';

export type { EventFixture, FixtureSet, ResponseFixture };
export { EVENTS_FOLDER, RESPONSES_FOLDER } from './fixture-folder.js';

/**
 * Reads every fixture under `<directory>/events` and `<directory>/responses`, checks each against
 * the contract and the others (ids are unique across both), and returns them all or throws a
 * {@link FixtureLoadError} listing every problem.
 */
export function loadFixtures(
  directory: string,
  contract: Contract,
  serialize: EventSerializer,
): FixtureSet {
  const { fixtures, problems } = new FixtureFolder(directory, { contract, serialize }).load();
  if (problems.length > 0) throw new FixtureLoadError(problems);
  return fixtures;
}
