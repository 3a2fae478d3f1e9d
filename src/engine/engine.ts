import type { MockLogger } from '../config/mock-options.js';
import type { ResolvedOptions } from '../config/resolve-options.js';
import type { Contract } from '../contract/compile-contract.js';
import type { Answer } from '../core/answer.js';
import type { MockRequest } from '../core/mock-request.js';
import type { FixtureFolders, FolderChanges } from '../fixture-files/fixture-folders.js';
import type { FixtureSet } from '../fixture-files/load-fixtures.js';
import type { SpecEventGenerator } from '../generator/follow-spec.js';
import type { LoadedSpec } from '../contract/load-spec.js';
import type { Random } from '../generator/random.js';
import type { HotCache } from '../state/bounded-cache.js';
import type { Coverage } from '../state/coverage.js';
import type { InteractionLog } from '../state/interaction-log.js';
import type { DefaultPreferences } from '../state/default-preferences.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { EventSerializer } from '../wire/create-event-serializer.js';
import type { RouteMatcher } from './route-request.js';
import type { ProviderRoutes } from './provider-routes.js';

/** An answer and what it was for: the event id (when the request reached the route) and session. */
export interface HandledRequest {
  readonly answer: Answer;
  readonly eventId: string | null;
  readonly session: string | null;
  /** The request target as the provider's router saw it: without a `/__session/<key>` prefix. */
  readonly target: string;
}

/** Everything loaded at start-up, the state that changes at run time, and `handle` over them. */
export interface Engine {
  readonly options: ResolvedOptions;
  readonly logger: MockLogger;
  /** The spec now served; it and everything built from it are replaced whole by `reloadSpec`. */
  readonly spec: LoadedSpec;
  readonly contract: Contract;
  readonly serialize: EventSerializer;
  /** The domain generator, adapted to the spec's response model. */
  readonly generate: SpecEventGenerator;
  readonly matchRoute: RouteMatcher;
  /** FastAPI's built-in routes: `/openapi.json`, `/docs`, `/docs/oauth2-redirect`, `/redoc`. */
  readonly providerRoutes: ProviderRoutes;
  /** The file fixtures now served; replaced whole, never edited, so a request sees one set. */
  readonly files: FixtureSet;
  /** The fixture folders and what their files gave under this spec, so a reload reads only changes. */
  readonly fixtureFolders: FixtureFolders;
  /**
   * Reads the fixture folders again, only the files named in `changed` (per folder, e.g.
   * `events/a.json`) and new ones, or every file that changed when not given; answers keep flowing meanwhile. On a
   * problem it rejects with a `FixtureLoadError` and the served set stays.
   */
  reloadFixtures(changed?: FolderChanges): Promise<FixtureSet>;
  /**
   * Reads the spec file again and rebuilds what follows from it (contract, generator, fixtures,
   * built-in routes); on a problem it throws and the served spec stays. Files only, not URLs.
   */
  reloadSpec(): LoadedSpec;
  readonly state: RuntimeState;
  /** The outcomes requests met, overall and per session; not cleared by a reset. */
  readonly coverage: Coverage;
  /** The distinct interactions of each session, for the pact export; not cleared by a reset. */
  readonly interactions: InteractionLog;
  /** The preferences each session's requests get when they do not ask (`PUT /__mock/preferences`). */
  readonly defaultPreferences: DefaultPreferences;
  /** Draws of `chaos` and of the latency model, reproducible for a seed. */
  readonly chaosRandom: Random;
  readonly latencyRandom: Random;
  readonly startedAt: Date;
  /** Generated answers of ids asked for again (the seed is fixed per engine), so a hot id is built once. */
  readonly generated: HotCache<string, Answer>;
  /** Answers one request of the mocked API (see `handleRequest`). */
  handle(request: MockRequest): HandledRequest;
}
