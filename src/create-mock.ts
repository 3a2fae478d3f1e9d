import { compileContract } from './contract/compile-contract.js';
import { loadSpec } from './contract/load-spec.js';
import type { FixtureSet } from './fixtures/load-fixtures.js';
import { loadFixtures } from './fixtures/load-fixtures.js';
import type { EventGenerator } from './generator/create-event-generator.js';
import { createEventGenerator } from './generator/create-event-generator.js';
import type { Random } from './generator/random.js';
import { createRandom } from './generator/random.js';
import type { MockOptions, ResolvedOptions } from './mock-options.js';
import { resolveOptions } from './mock-options.js';
import type { RouteMatcher } from './pipeline/route-request.js';
import { createRouteMatcher } from './pipeline/route-request.js';
import { HotCache } from './runtime/bounded-cache.js';
import { RuntimeState } from './runtime/runtime-state.js';
import type { MockResponse } from './pipeline/mock-response.js';
import type { Contract } from './contract/compile-contract.js';
import type { EventSerializer } from './serialize/create-event-serializer.js';
import { createEventSerializer } from './serialize/create-event-serializer.js';
import { standaloneBuffer } from './http/standalone-buffer.js';

/** Everything loaded at start-up, and the state that changes at run time. */
export interface Mock {
  readonly options: ResolvedOptions;
  readonly contract: Contract;
  readonly serialize: EventSerializer;
  readonly generate: EventGenerator;
  readonly matchRoute: RouteMatcher;
  /** The file fixtures now served; replaced whole, never edited, so a request sees one set. */
  readonly files: FixtureSet;
  /** Loads the fixtures folder again; on a problem it throws and the served set stays. */
  reloadFixtures(): FixtureSet;
  readonly runtime: RuntimeState;
  /** Draws of `--chaos` and of the latency model, reproducible for a seed. */
  readonly chaosRandom: Random;
  readonly latencyRandom: Random;
  readonly startedAt: Date;
  /** Generated answers of ids asked for again (the seed is fixed per mock), so a hot id is built once. */
  readonly generated: HotCache<string, MockResponse>;
}

/** How many generated answers are kept (about 1 KB each). */
export const GENERATED_CACHE_SIZE = 10_000;

/**
 * Loads the spec, compiles its validators, loads and checks the fixtures and seeds the generator.
 * Throws a `SpecError` or `FixtureLoadError` (naming the file, pointer and rule) when it cannot serve.
 */
export function createMock(options: MockOptions = {}): Mock {
  const resolved = resolveOptions(options);
  const contract = compileContract(loadSpec(resolved.spec));
  const serialize = createEventSerializer(contract.eventFields);
  let files = loadFixtures(resolved.fixtures, contract, serialize);
  return {
    options: resolved,
    contract,
    serialize,
    generate: createEventGenerator(resolved.seed),
    matchRoute: createRouteMatcher(contract.operation.pathTemplate),
    get files() {
      return files;
    },
    reloadFixtures() {
      files = loadFixtures(resolved.fixtures, contract, serialize);
      return files;
    },
    runtime: new RuntimeState(resolved.limits),
    chaosRandom: createRandom('chaos', resolved.seed),
    latencyRandom: createRandom('latency', resolved.seed),
    startedAt: new Date(),
    // A cached answer keeps its own bytes, not a slab of the shared buffer pool.
    generated: new HotCache<string, MockResponse>(GENERATED_CACHE_SIZE, 1_024, (response) => ({
      ...response,
      body: standaloneBuffer(response.body),
    })),
  };
}
