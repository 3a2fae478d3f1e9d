import type { MockLogger } from '../config/mock-options.js';
import type { ResolvedOptions } from '../config/resolve-options.js';
import { compileContract } from '../contract/compile-contract.js';
import { loadSpec } from '../contract/load-spec.js';
import type { Answer } from '../core/answer.js';
import { standaloneBuffer } from '../core/standalone-buffer.js';
import { loadFixtures } from '../fixture-files/load-fixtures.js';
import { createEventGenerator } from '../generator/create-event-generator.js';
import { createRandom } from '../generator/random.js';
import { HotCache } from '../state/bounded-cache.js';
import { RuntimeState } from '../state/runtime-state.js';
import { createEventSerializer } from '../wire/create-event-serializer.js';
import type { Engine } from './engine.js';
import { handleRequest } from './handle-request.js';
import { createRouteMatcher } from './route-request.js';

/** How many generated answers are kept (about 1 KB each). */
export const GENERATED_CACHE_SIZE = 10_000;

/**
 * Loads the spec, compiles its validators, loads and checks the fixtures and seeds the generator.
 * Throws a `SpecError` or `FixtureLoadError` (naming the file, pointer and rule) when it cannot serve.
 */
export function createEngine(options: ResolvedOptions, logger: MockLogger): Engine {
  const contract = compileContract(loadSpec(options.spec));
  const serialize = createEventSerializer(contract.eventFields);
  let files = loadFixtures(options.fixtures, contract, serialize);
  const engine: Engine = {
    options,
    logger,
    contract,
    serialize,
    generate: createEventGenerator(options.seed),
    matchRoute: createRouteMatcher(contract.operation.pathTemplate),
    get files() {
      return files;
    },
    reloadFixtures() {
      files = loadFixtures(options.fixtures, contract, serialize);
      return files;
    },
    state: new RuntimeState(options.limits),
    chaosRandom: createRandom('chaos', options.seed),
    latencyRandom: createRandom('latency', options.seed),
    startedAt: new Date(),
    // A cached answer keeps its own bytes, not a slab of the shared buffer pool.
    generated: new HotCache<string, Answer>(GENERATED_CACHE_SIZE, 1_024, (answer) => ({
      ...answer,
      body: standaloneBuffer(answer.body),
    })),
    handle: (request) => handleRequest(request, engine),
  };
  return engine;
}
