import type { Contract } from '../contract/compile-contract.js';
import { standaloneBuffer } from '../core/standalone-buffer.js';
import type { EventSerializer } from '../wire/create-event-serializer.js';
import { checkEventFixture } from './check-event-fixture.js';
import type { ResponseFixture } from './check-response-fixture.js';
import { checkResponseFixture } from './check-response-fixture.js';
import type { FixtureProblem } from './fixture-problem.js';
import { parseJsonFile } from './parse-json-file.js';
import { unservableReason } from './servable-id.js';

/** An event fixture, checked and serialized once: only the bytes it is served as are kept. */
export interface EventFixture {
  readonly id: string;
  readonly file: string;
  /** The exact bytes the provider would send for it (parse them to read the event). */
  readonly body: Buffer;
}

/** The two kinds of fixture file: an event (`events/`) or a whole response (`responses/`). */
export type FixtureKind = 'event' | 'response';

/** What one fixture file gives: its fixture, or the problems that stop it being served. */
export type CheckedFile =
  | { readonly kind: 'event'; readonly fixture?: EventFixture; readonly problems: FixtureProblem[] }
  | {
      readonly kind: 'response';
      readonly fixture?: ResponseFixture;
      readonly problems: FixtureProblem[];
    };

/** What checking a fixture file needs: the contract (its route, too) and its serializer. */
export interface FixtureChecker {
  readonly contract: Contract;
  readonly serialize: EventSerializer;
}

function servable(
  id: string,
  file: string,
  checker: FixtureChecker,
  problems: FixtureProblem[],
): boolean {
  const reason = unservableReason(id, checker.contract.operation.pathTemplate);
  if (reason === undefined) return true;
  problems.push({ file, pointer: '/id', message: `"${id}" ${reason}`, rule: 'servable-id' });
  return false;
}

/**
 * Parses and checks the text of one fixture file (`file` is its path under the fixtures folder):
 * an event against the contract, or a response fixture against its schema and its status; and its
 * id, which some request must be able to name.
 */
export function checkFixtureFile(
  kind: FixtureKind,
  file: string,
  text: string,
  checker: FixtureChecker,
): CheckedFile {
  const parsed = parseJsonFile(file, text);
  if (!parsed.ok) return { kind, problems: [parsed.problem] };
  const { contract, serialize } = checker;
  if (kind === 'event') {
    const violations = checkEventFixture(parsed.value, contract);
    const problems = violations.map((violation) => ({ file, ...violation }));
    if (problems.length > 0) return { kind, problems };
    const event = parsed.value as Record<string, unknown>;
    const id = String(event['id']);
    if (!servable(id, file, checker, problems)) return { kind, problems };
    return { kind, problems, fixture: { id, file, body: standaloneBuffer(serialize(event)) } };
  }
  const { fixture, violations } = checkResponseFixture(
    parsed.value,
    undefined,
    file,
    contract,
    serialize,
  );
  const problems = violations.map((violation) => ({ file, ...violation }));
  if (!fixture || !servable(fixture.id, file, checker, problems)) return { kind, problems };
  return { kind, problems, fixture };
}
