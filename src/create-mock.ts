import { compileContract } from './contract/compile-contract.js';
import { loadSpec } from './contract/load-spec.js';
import { loadFixtures } from './fixtures/load-fixtures.js';
import { createEventGenerator } from './generator/create-event-generator.js';
import type { MockOptions, ResolvedOptions } from './mock-options.js';
import { resolveOptions } from './mock-options.js';
import type { EventSources } from './pipeline/respond-with-event.js';
import type { RouteMatcher } from './pipeline/route-request.js';
import { createRouteMatcher } from './pipeline/route-request.js';
import { createEventSerializer } from './serialize/create-event-serializer.js';

/** Everything loaded at start-up: the compiled contract, the fixtures and the generator. */
export interface Mock extends EventSources {
  readonly options: ResolvedOptions;
  readonly matchRoute: RouteMatcher;
}

/**
 * Loads the spec, compiles its validators, loads and checks the fixtures and seeds the generator.
 * Throws a `SpecError` or `FixtureLoadError` (naming the file, pointer and rule) when it cannot serve.
 */
export function createMock(options: MockOptions = {}): Mock {
  const resolved = resolveOptions(options);
  const contract = compileContract(loadSpec(resolved.spec));
  const serialize = createEventSerializer(contract.eventFields);
  return {
    options: resolved,
    contract,
    serialize,
    fixtures: loadFixtures(resolved.fixtures, contract, serialize),
    generate: createEventGenerator(resolved.seed),
    matchRoute: createRouteMatcher(contract.operation.pathTemplate),
  };
}
