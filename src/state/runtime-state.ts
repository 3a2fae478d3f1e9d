import type { ResolvedOptions } from '../config/resolve-options.js';
import type { EventFixture, FixtureSet, ResponseFixture } from '../fixture-files/load-fixtures.js';
import { RequestFeed } from './request-feed.js';
import { compileGlob } from './glob-matcher.js';
import { Journal } from './journal.js';
import { LimitError } from './limit-error.js';
import type { ScenarioDefinition, ScenarioStep } from './scenario.js';
import type { BudgetHolder } from './state-budget.js';
import { formatBytes, StateBudget } from './state-budget.js';
import { fixtureBytes, scenarioBytes } from './state-size.js';

export { LimitError };

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

type Session = string | null;

/** A session's scenarios: those still playing (tried on each request) and used-up ones (listed only). */
interface ScenarioBucket {
  readonly playing: ActiveScenario[];
  readonly spent: ActiveScenario[];
}

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

const scenarioNumber = (scenario: ActiveScenario) => Number(scenario.id.slice('scn_'.length));

/**
 * Everything set at run time: fixtures and scenarios by session, and the request journal, all
 * within the byte budget `limits.stateBytes` (see {@link StateBudget}).
 */
export class RuntimeState {
  readonly budget: StateBudget;
  readonly journal: Journal;
  /** Requests as they are journaled, for live streams. */
  readonly feed = new RequestFeed();
  readonly #fixtures = new Map<Session, Map<string, RuntimeFixture>>();
  readonly #scenarios = new Map<Session, ScenarioBucket>();
  readonly #costs = new WeakMap<object, number>();
  #nextScenario = 0;

  constructor(readonly limits: RuntimeLimits) {
    this.budget = new StateBudget(limits.stateBytes);
    this.journal = new Journal(limits.journal, limits.sessions, this.budget);
  }

  #sessionBucket<T>(map: Map<Session, T>, session: Session, make: () => T): T {
    const existing = map.get(session);
    if (existing) return existing;
    if (session !== null && this.sessionCount >= this.limits.sessions) {
      throw new LimitError(
        'count',
        `${this.limits.sessions} sessions already hold run-time state (limits.sessions); reset some (POST /__mock/reset with X-Mock-Session) or raise limits.sessions.`,
      );
    }
    const made = make();
    map.set(session, made);
    return made;
  }

  /** Takes `bytes` from the budget for `holder` (`what`, lower case, needs them), or throws the 413/429 that says what to do. */
  #take(holder: BudgetHolder, bytes: number, what: string): void {
    if (this.budget.tryTake(holder, bytes)) return;
    throw (
      this.refusal(holder, bytes, what) ?? new Error('unreachable: the budget refused what fits')
    );
  }

  /**
   * The 413 or 429 for `what` (lower case) needing `bytes` of the budget for `holder` now, or
   * `undefined` when they fit. The admin API asks before reading a body whose length it knows.
   */
  refusal(holder: BudgetHolder, bytes: number, what: string): LimitError | undefined {
    if (this.budget.fits(holder, bytes)) return undefined;
    const { limit } = this.budget;
    const raise = `raise limits.stateBytes (--state-bytes; now ${limit} bytes)`;
    const half = formatBytes(this.budget.ceiling(holder));
    if (bytes > this.budget.ceiling(holder))
      return new LimitError(
        'too-large',
        `${what.charAt(0).toUpperCase()}${what.slice(1)} needs about ${formatBytes(bytes)}, more than run-time fixtures and scenarios may ever hold (${half}, half the state budget of ${formatBytes(limit)}, limits.stateBytes); send less, or ${raise}.`,
      );
    return new LimitError(
      'budget',
      `The run-time state budget of ${formatBytes(limit)} (limits.stateBytes) is full: its half for run-time fixtures and scenarios (${half}) holds ${formatBytes(this.budget.used('fixtures'))} of fixtures and ${formatBytes(this.budget.used('scenarios'))} of scenarios; ${what} needs about ${formatBytes(bytes)}. Delete fixtures or scenarios, reset (POST /__mock/reset, ?all=true for every session), or ${raise}.`,
    );
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
    const previous = bucket.get(id);
    if (!previous && bucket.size >= this.limits.fixtures)
      throw new LimitError(
        'count',
        `${this.limits.fixtures} run-time fixtures already set here (limits.fixtures); delete some first.`,
      );
    const cost = fixtureBytes(id, fixture);
    const freed = previous ? (this.#costs.get(previous) ?? 0) : 0;
    // The fixture it replaces gives its bytes back first, so a same-size replacement always fits.
    this.budget.give('fixtures', freed);
    try {
      this.#take('fixtures', cost, `the fixture "${id}"`);
    } catch (error) {
      this.budget.tryTake('fixtures', freed);
      if (bucket.size === 0) this.#fixtures.delete(session);
      throw error;
    }
    this.#costs.set(fixture, cost);
    bucket.set(id, fixture);
  }

  deleteFixture(session: Session, id: string): boolean {
    const bucket = this.#fixtures.get(session);
    const fixture = bucket?.get(id);
    if (!bucket || !fixture) return false;
    bucket.delete(id);
    this.budget.give('fixtures', this.#costs.get(fixture) ?? 0);
    if (bucket.size === 0) this.#fixtures.delete(session);
    return true;
  }

  addScenario(definition: ScenarioDefinition, now: Date): ActiveScenario {
    const { session } = definition;
    const bucket = this.#sessionBucket(this.#scenarios, session, () => ({
      playing: [],
      spent: [],
    }));
    const cost = scenarioBytes(definition);
    // Used-up scenarios make room for new ones, oldest first, before anything is refused.
    while (
      bucket.spent.length > 0 &&
      (bucket.playing.length + bucket.spent.length >= this.limits.scenarios ||
        !this.budget.fits('scenarios', cost))
    )
      this.#forget(bucket.spent.shift());
    try {
      if (bucket.playing.length + bucket.spent.length >= this.limits.scenarios)
        throw new LimitError(
          'count',
          `${this.limits.scenarios} scenarios still playing here (limits.scenarios); delete some first.`,
        );
      this.#take('scenarios', cost, 'the scenario');
    } catch (error) {
      if (bucket.playing.length + bucket.spent.length === 0) this.#scenarios.delete(session);
      throw error;
    }
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
    this.#costs.set(scenario, cost);
    bucket.playing.push(scenario);
    return scenario;
  }

  #forget(scenario: ActiveScenario | undefined): void {
    if (scenario) this.budget.give('scenarios', this.#costs.get(scenario) ?? 0);
  }

  /** The scenarios of one session (`null`: the global ones), playing and used up, oldest first. */
  scenarios(session: Session): ActiveScenario[] {
    const bucket = this.#scenarios.get(session);
    if (!bucket) return [];
    return [...bucket.playing, ...bucket.spent].sort(
      (a, b) => scenarioNumber(a) - scenarioNumber(b),
    );
  }

  /** Removes a scenario of the given session; another session's scenario is not found. */
  deleteScenario(id: string, session: Session): boolean {
    const bucket = this.#scenarios.get(session);
    if (!bucket) return false;
    for (const list of [bucket.playing, bucket.spent]) {
      const index = list.findIndex((scenario) => scenario.id === id);
      if (index === -1) continue;
      this.#forget(list.splice(index, 1)[0]);
      if (bucket.playing.length + bucket.spent.length === 0) this.#scenarios.delete(session);
      return true;
    }
    return false;
  }

  /**
   * Takes the next step for this request, if a scenario matches: the session's scenarios first,
   * then the global ones, oldest first. A scenario whose steps are all used leaves the request
   * path (it is still listed), so requests fall through without testing it again.
   */
  takeStep(
    eventId: string,
    session: Session,
  ): { scenario: ActiveScenario; step: ScenarioStep } | undefined {
    // Without scenarios (the usual case) nothing is looked up.
    if (this.#scenarios.size === 0) return undefined;
    const own = session === null ? undefined : this.#scenarios.get(session);
    for (const bucket of [own, this.#scenarios.get(null)]) {
      if (!bucket) continue;
      for (const [position, scenario] of bucket.playing.entries()) {
        if (!scenario.test(eventId)) continue;
        const index = scenario.remaining.findIndex((left) => left > 0);
        const step = scenario.steps[index];
        if (index === -1 || step === undefined) continue;
        scenario.remaining[index] = (scenario.remaining[index] ?? 1) - 1;
        if (scenario.remaining.every((left) => left === 0)) {
          bucket.playing.splice(position, 1);
          bucket.spent.push(scenario);
        }
        return { scenario, step };
      }
    }
    return undefined;
  }

  /** Forgets one session's run-time state (`null`: the global fixtures, scenarios and journal). */
  reset(session: Session): void {
    for (const id of [...this.fixtures(session).keys()]) this.deleteFixture(session, id);
    for (const scenario of this.scenarios(session)) this.deleteScenario(scenario.id, session);
    this.journal.clear(session);
  }

  /** Forgets everything set at run time, in every session. */
  resetAll(): void {
    const sessions = new Set([...this.#fixtures.keys(), ...this.#scenarios.keys()]);
    for (const session of sessions) this.reset(session);
    this.journal.clearAll();
  }

  get sessionCount(): number {
    return new Set(
      [...this.#fixtures.keys(), ...this.#scenarios.keys()].filter((session) => session !== null),
    ).size;
  }
}
