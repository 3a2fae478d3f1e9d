import type { ResolvedOptions } from '../config/resolve-options.js';
import type { EventFixture, FixtureSet, ResponseFixture } from '../fixture-files/load-fixtures.js';
import { MockError } from '../core/mock-error.js';
import { Journal } from './journal.js';
import { RequestFeed } from './request-feed.js';
import type { ScenarioDefinition, ScenarioStep } from './scenario.js';
import { compileGlob } from './glob-matcher.js';

/** A fixture set at run time through the admin API. */
export type RuntimeFixture =
  | { readonly kind: 'event'; readonly fixture: EventFixture }
  | { readonly kind: 'response'; readonly fixture: ResponseFixture };

/** A scenario being played: its definition and how many uses each step has left. */
export interface ActiveScenario extends ScenarioDefinition {
  readonly id: string;
  readonly created: string;
  readonly remaining: number[];
  readonly test: (eventId: string) => boolean;
}

/** The fixtures one request can see: its session's, then the global run-time ones, then the files. */
export interface FixtureLookup {
  event(id: string): EventFixture | undefined;
  response(id: string): ResponseFixture | undefined;
  ids(): string[];
}

/** How much run-time state may pile up, so memory stays bounded (`limits` of the options). */
export type RuntimeLimits = ResolvedOptions['limits'];

/** Raised when a limit of {@link RuntimeLimits} would be passed; the admin API answers 429. */
export class LimitError extends MockError {
  override readonly name = 'LimitError';

  constructor(message: string) {
    super('LIMIT_EXCEEDED', message);
  }
}

type Session = string | null;

const FILE_LOOKUPS = new WeakMap<FixtureSet, FixtureLookup>();

function filesLookup(files: FixtureSet): FixtureLookup {
  let lookup = FILE_LOOKUPS.get(files);
  if (!lookup) {
    lookup = {
      event: (id) => files.events.get(id),
      response: (id) => files.responses.get(id),
      ids: () => [...files.events.keys(), ...files.responses.keys()],
    };
    FILE_LOOKUPS.set(files, lookup);
  }
  return lookup;
}

/** Everything set at run time: fixtures and scenarios by session, and the request journal. */
export class RuntimeState {
  readonly journal: Journal;
  /** Requests as they are journaled, for live streams. */
  readonly feed = new RequestFeed();
  readonly #fixtures = new Map<Session, Map<string, RuntimeFixture>>();
  readonly #scenarios = new Map<Session, ActiveScenario[]>();
  #nextScenario = 0;

  constructor(readonly limits: RuntimeLimits) {
    this.journal = new Journal(limits.journal);
  }

  #sessionBucket<T>(map: Map<Session, T>, session: Session, make: () => T): T {
    const existing = map.get(session);
    if (existing) return existing;
    const sessions = new Set(
      [...this.#fixtures.keys(), ...this.#scenarios.keys()].filter((key) => key !== null),
    );
    if (session !== null && !sessions.has(session) && sessions.size >= this.limits.sessions) {
      throw new LimitError(
        `${this.limits.sessions} sessions already hold run-time state; reset some (POST /__mock/reset with X-Mock-Session).`,
      );
    }
    const made = make();
    map.set(session, made);
    return made;
  }

  /** The fixtures a request of `session` sees, on top of the file fixtures `files`. */
  lookup(files: FixtureSet, session: Session): FixtureLookup {
    // Without run-time fixtures (the usual case) every request shares one lookup of the files.
    if (this.#fixtures.size === 0) return filesLookup(files);
    const layers = [
      session === null ? undefined : this.#fixtures.get(session),
      this.#fixtures.get(null),
    ].filter((layer) => layer !== undefined);
    const find = (id: string) => {
      for (const layer of layers) {
        const found = layer.get(id);
        if (found) return found;
      }
      return undefined;
    };
    return {
      event: (id) => {
        const found = find(id);
        return found ? (found.kind === 'event' ? found.fixture : undefined) : files.events.get(id);
      },
      response: (id) => {
        const found = find(id);
        return found
          ? found.kind === 'response'
            ? found.fixture
            : undefined
          : files.responses.get(id);
      },
      ids: () => [
        ...new Set([
          ...layers.flatMap((layer) => [...layer.keys()]),
          ...files.events.keys(),
          ...files.responses.keys(),
        ]),
      ],
    };
  }

  fixtures(session: Session): ReadonlyMap<string, RuntimeFixture> {
    return this.#fixtures.get(session) ?? new Map();
  }

  putFixture(session: Session, id: string, fixture: RuntimeFixture): void {
    const bucket = this.#sessionBucket(
      this.#fixtures,
      session,
      () => new Map<string, RuntimeFixture>(),
    );
    if (!bucket.has(id) && bucket.size >= this.limits.fixtures)
      throw new LimitError(
        `${this.limits.fixtures} run-time fixtures already set here; delete some first.`,
      );
    bucket.set(id, fixture);
  }

  deleteFixture(session: Session, id: string): boolean {
    return this.#fixtures.get(session)?.delete(id) ?? false;
  }

  addScenario(definition: ScenarioDefinition, now: Date): ActiveScenario {
    const bucket = this.#sessionBucket(this.#scenarios, definition.session, () => []);
    if (bucket.length >= this.limits.scenarios)
      throw new LimitError(
        `${this.limits.scenarios} scenarios already set here; delete some first.`,
      );
    this.#nextScenario += 1;
    const { match } = definition;
    const test =
      'pattern' in match ? compileGlob(match.pattern) : (id: string) => id === match.eventId;
    const scenario: ActiveScenario = {
      ...definition,
      id: `scn_${this.#nextScenario}`,
      created: now.toISOString(),
      remaining: definition.steps.map((step) => step.times),
      test,
    };
    bucket.push(scenario);
    return scenario;
  }

  /** The scenarios of one session (`null`: the global ones). */
  scenarios(session: Session): ActiveScenario[] {
    return [...(this.#scenarios.get(session) ?? [])];
  }

  /** Removes a scenario of the given session; another session's scenario is not found. */
  deleteScenario(id: string, session: Session): boolean {
    const bucket = this.#scenarios.get(session);
    const index = bucket?.findIndex((scenario) => scenario.id === id) ?? -1;
    if (!bucket || index === -1) return false;
    bucket.splice(index, 1);
    if (bucket.length === 0) this.#scenarios.delete(session);
    return true;
  }

  /**
   * Takes the next step for this request, if a scenario matches: the session's scenarios first,
   * then the global ones, oldest first. A used-up scenario lets requests fall through.
   */
  takeStep(
    eventId: string,
    session: Session,
  ): { scenario: ActiveScenario; step: ScenarioStep } | undefined {
    const buckets =
      session === null
        ? [this.#scenarios.get(null)]
        : [this.#scenarios.get(session), this.#scenarios.get(null)];
    for (const bucket of buckets) {
      for (const scenario of bucket ?? []) {
        if (!scenario.test(eventId)) continue;
        const index = scenario.remaining.findIndex((left) => left > 0);
        const step = scenario.steps[index];
        if (index === -1 || step === undefined) continue;
        scenario.remaining[index] = (scenario.remaining[index] ?? 1) - 1;
        return { scenario, step };
      }
    }
    return undefined;
  }

  /** Forgets everything set at run time, or only one session's. */
  reset(session?: Session): void {
    if (session === undefined) {
      this.#fixtures.clear();
      this.#scenarios.clear();
      this.journal.clear();
      return;
    }
    this.#fixtures.delete(session);
    this.#scenarios.delete(session);
    this.journal.clear(session);
  }

  get sessionCount(): number {
    return new Set(
      [...this.#fixtures.keys(), ...this.#scenarios.keys()].filter((session) => session !== null),
    ).size;
  }
}
