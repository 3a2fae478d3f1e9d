import type { MockLogger } from '../config/mock-options.js';
import type { ResolvedOptions } from '../config/resolve-options.js';
import type { Contract } from '../contract/compile-contract.js';
import type { Answer } from '../core/answer.js';
import type { MockRequest } from '../core/mock-request.js';
import type { FixtureSet } from '../fixture-files/load-fixtures.js';
import type { EventGenerator } from '../generator/create-event-generator.js';
import type { Random } from '../generator/random.js';
import type { HotCache } from '../state/bounded-cache.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { EventSerializer } from '../wire/create-event-serializer.js';
import type { RouteMatcher } from './route-request.js';

/** An answer and what it was for: the event id (when the request reached the route) and session. */
export interface HandledRequest {
  readonly answer: Answer;
  readonly eventId: string | null;
  readonly session: string | null;
}

/** Everything loaded at start-up, the state that changes at run time, and `handle` over them. */
export interface Engine {
  readonly options: ResolvedOptions;
  readonly logger: MockLogger;
  readonly contract: Contract;
  readonly serialize: EventSerializer;
  readonly generate: EventGenerator;
  readonly matchRoute: RouteMatcher;
  /** The file fixtures now served; replaced whole, never edited, so a request sees one set. */
  readonly files: FixtureSet;
  /** Loads the fixtures folder again; on a problem it throws and the served set stays. */
  reloadFixtures(): FixtureSet;
  readonly state: RuntimeState;
  /** Draws of `chaos` and of the latency model, reproducible for a seed. */
  readonly chaosRandom: Random;
  readonly latencyRandom: Random;
  readonly startedAt: Date;
  /** Generated answers of ids asked for again (the seed is fixed per engine), so a hot id is built once. */
  readonly generated: HotCache<string, Answer>;
  /** Answers one request of the mocked API (see `handleRequest`). */
  handle(request: MockRequest): HandledRequest;
}
