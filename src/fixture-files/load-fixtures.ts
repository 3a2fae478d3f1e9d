import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Contract } from '../contract/compile-contract.js';
import type { Violation } from '../core/violation.js';
import type { EventSerializer } from '../wire/create-event-serializer.js';
import { checkEventFixture } from './check-event-fixture.js';
import type { ResponseFixture } from './check-response-fixture.js';
import { checkResponseFixture } from './check-response-fixture.js';
import type { FixtureProblem } from './fixture-problem.js';
import { FixtureLoadError } from './fixture-problem.js';
import { parseJsonFile } from './parse-json-file.js';
import { standaloneBuffer } from '../core/standalone-buffer.js';

/** An event fixture, checked and serialized once at load. */
export interface EventFixture {
  readonly id: string;
  readonly file: string;
  readonly event: Readonly<Record<string, unknown>>;
  /** The exact bytes the provider would send for it. */
  readonly body: Buffer;
}

export type { ResponseFixture };

/** Everything loaded from a fixtures folder; read-only once built. */
export interface FixtureSet {
  readonly events: ReadonlyMap<string, EventFixture>;
  /** Whole responses (status, headers, body, delay) pinned to ids. */
  readonly responses: ReadonlyMap<string, ResponseFixture>;
}

/** The subfolder that holds one event per `*.json` file. */
export const EVENTS_FOLDER = 'events';
/** The subfolder that holds one response fixture per `*.json` file. */
export const RESPONSES_FOLDER = 'responses';

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function jsonFiles(folder: string): string[] {
  if (!isDirectory(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort();
}

type Checked<T> = { value?: T; violations: readonly Violation[] };

/** Reads, parses and checks every `*.json` of one subfolder, collecting problems instead of stopping. */
function readFolder<T extends { id: string; file: string }>(
  directory: string,
  subfolder: string,
  check: (value: unknown, file: string) => Checked<T>,
  problems: FixtureProblem[],
  taken: Map<string, string>,
): Map<string, T> {
  const loaded = new Map<string, T>();
  for (const name of jsonFiles(join(directory, subfolder))) {
    const file = `${subfolder}/${name}`;
    const parsed = parseJsonFile(file, readFileSync(join(directory, subfolder, name), 'utf8'));
    if (!parsed.ok) {
      problems.push(parsed.problem);
      continue;
    }
    const { value, violations } = check(parsed.value, file);
    problems.push(...violations.map((violation) => ({ file, ...violation })));
    if (value === undefined) continue;
    const previous = taken.get(value.id);
    if (previous !== undefined) {
      problems.push({
        file,
        pointer: '/id',
        message: `"${value.id}" is already the id of ${previous}; ids must be unique`,
        rule: 'unique-id',
      });
      continue;
    }
    taken.set(value.id, file);
    loaded.set(value.id, value);
  }
  return loaded;
}

function checkFolder(directory: string): void {
  const problem = (message: string): FixtureLoadError =>
    new FixtureLoadError([{ file: directory, pointer: '', message, rule: 'folder' }]);
  if (!isDirectory(directory))
    throw problem(`is not a folder; pass --fixtures <dir> with an ${EVENTS_FOLDER}/ subfolder`);
  if (!isDirectory(join(directory, EVENTS_FOLDER)) && jsonFiles(directory).length > 0) {
    throw problem(
      `holds *.json files but no ${EVENTS_FOLDER}/ subfolder; move event fixtures into ${EVENTS_FOLDER}/`,
    );
  }
}

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
  const { fixtures, problems } = readFixtures(directory, contract, serialize);
  if (problems.length > 0) throw new FixtureLoadError(problems);
  return fixtures;
}

/**
 * {@link loadFixtures} that keeps going: the fixtures that passed every check, and the problems of
 * the others (a folder that cannot be read still throws).
 */
export function readFixtures(
  directory: string,
  contract: Contract,
  serialize: EventSerializer,
): { fixtures: FixtureSet; problems: FixtureProblem[] } {
  checkFolder(directory);
  const problems: FixtureProblem[] = [];
  const taken = new Map<string, string>();
  const events = readFolder<EventFixture>(
    directory,
    EVENTS_FOLDER,
    (value, file) => {
      const violations = checkEventFixture(value, contract);
      if (violations.length > 0) return { violations };
      const event = value as Record<string, unknown>;
      return {
        value: { id: String(event['id']), file, event, body: standaloneBuffer(serialize(event)) },
        violations,
      };
    },
    problems,
    taken,
  );
  const responses = readFolder<ResponseFixture>(
    directory,
    RESPONSES_FOLDER,
    (value, file) => {
      const { fixture, violations } = checkResponseFixture(
        value,
        undefined,
        file,
        contract,
        serialize,
      );
      return fixture ? { value: fixture, violations } : { violations };
    },
    problems,
    taken,
  );
  return { fixtures: { events, responses }, problems };
}
