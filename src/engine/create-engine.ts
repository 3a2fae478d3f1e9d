import type { MockLogger } from '../config/mock-options.js';
import type { ResolvedOptions } from '../config/resolve-options.js';
import type { Contract } from '../contract/compile-contract.js';
import { compileContract } from '../contract/compile-contract.js';
import type { LoadedSpec } from '../contract/load-spec.js';
import { isSpecUrl, readSpecFile } from '../contract/load-spec.js';
import { SpecError } from '../contract/spec-error.js';
import type { Answer } from '../core/answer.js';
import { standaloneBuffer } from '../core/standalone-buffer.js';
import { FixtureFolders } from '../fixture-files/fixture-folders.js';
import type { FixtureSet } from '../fixture-files/load-fixtures.js';
import type { EventGenerator } from '../generator/create-event-generator.js';
import { createEventGenerator } from '../generator/create-event-generator.js';
import type { SpecEventGenerator } from '../generator/follow-spec.js';
import { createRandom } from '../generator/random.js';
import { HotCache } from '../state/bounded-cache.js';
import { Coverage } from '../state/coverage.js';
import { InteractionLog } from '../state/interaction-log.js';
import { DefaultPreferences } from '../state/default-preferences.js';
import { RuntimeState } from '../state/runtime-state.js';
import type { EventSerializer } from '../wire/create-event-serializer.js';
import { createEventSerializer } from '../wire/create-event-serializer.js';
import type { Engine } from './engine.js';
import { handleRequest } from './handle-request.js';
import type { DocsAssetFiles } from './load-docs-assets.js';
import { loadDocsAssets } from './load-docs-assets.js';
import type { ProviderRoutes } from './provider-routes.js';
import { createProviderRoutes } from './provider-routes.js';
import type { RouteMatcher } from './route-request.js';
import { createRouteMatcher } from './route-request.js';
import { generatorForSpec } from './generator-for-spec.js';
import {
  fixtureSources,
  loadServedFixtures,
  reloadServedFixtures,
} from './load-served-fixtures.js';
import { specJson, specTitle } from './spec-json.js';

/** How many generated answers are kept (about 1 KB each). */
export const GENERATED_CACHE_SIZE = 10_000;

/** Everything built from one spec; replaced whole when the spec file changes. */
interface Served {
  readonly spec: LoadedSpec;
  readonly contract: Contract;
  readonly serialize: EventSerializer;
  readonly generate: SpecEventGenerator;
  readonly matchRoute: RouteMatcher;
  readonly providerRoutes: ProviderRoutes;
  readonly files: FixtureSet;
  readonly fixtureFolders: FixtureFolders;
  readonly generated: HotCache<string, Answer>;
}

function serve(
  spec: LoadedSpec,
  options: ResolvedOptions,
  logger: MockLogger,
  assets: DocsAssetFiles | undefined,
  domain: EventGenerator,
): Served {
  const contract = compileContract(spec.document);
  const serialize = createEventSerializer(contract.eventFields);
  // Folders of their own per spec: what their files gave is checked against this contract.
  const fixtureFolders = new FixtureFolders(fixtureSources(options, spec), { contract, serialize });
  return {
    spec,
    contract,
    serialize,
    generate: generatorForSpec(domain, contract, options.seed),
    matchRoute: createRouteMatcher(contract.operation.pathTemplate),
    providerRoutes: createProviderRoutes(
      { title: specTitle(spec.document), json: specJson(spec) },
      options,
      assets,
    ),
    files: loadServedFixtures(fixtureFolders, spec, logger),
    fixtureFolders,
    // A cached answer keeps its own bytes, not a slab of the shared buffer pool.
    generated: new HotCache<string, Answer>(GENERATED_CACHE_SIZE, 1_024, (answer) => ({
      ...answer,
      body: standaloneBuffer(answer.body),
    })),
  };
}

/**
 * Compiles the spec's validators, loads and checks the fixtures, seeds the generator (adapted to
 * the spec's response model) and builds FastAPI's built-in routes. The spec is read from its file
 * unless given already loaded (from a URL, say). Throws a `SpecError`, `FixtureLoadError` (naming
 * the file, pointer and rule) or `OptionsError` when it cannot serve.
 */
export function createEngine(
  options: ResolvedOptions,
  logger: MockLogger,
  loaded: LoadedSpec = readSpecFile(options.spec),
): Engine {
  const withDocs = options.openapiUrl !== null && options.docsAssets === 'local';
  const assets = withDocs ? loadDocsAssets(options.redocUrl !== null) : undefined;
  // One state budget: what coverage and the pact record takes from it too.
  const state = new RuntimeState(options.limits);
  // The seed's world depends on the seed alone: a spec read again adapts it, never rebuilds it.
  const domain = createEventGenerator(options.seed);
  // Plain properties, replaced whole on a reload: the request path reads them on every request.
  const engine: { -readonly [K in keyof Engine]: Engine[K] } = {
    options,
    logger,
    ...serve(loaded, options, logger, assets, domain),
    async reloadFixtures(changed) {
      const { fixtureFolders, spec } = engine;
      const files = await reloadServedFixtures(fixtureFolders, spec, logger, changed);
      // A spec reloaded meanwhile brought fixtures of its own, checked against it: they stay.
      if (engine.fixtureFolders === fixtureFolders) engine.files = files;
      return engine.files;
    },
    reloadSpec() {
      if (isSpecUrl(options.spec))
        throw new SpecError(`The spec came from ${options.spec}; only a spec file is read again.`);
      // Built whole before anything is replaced, so a failure leaves the served spec as it was.
      Object.assign(engine, serve(readSpecFile(options.spec), options, logger, assets, domain));
      return engine.spec;
    },
    state,
    coverage: new Coverage(options.limits.sessions, state.budget),
    interactions: new InteractionLog(options.limits.sessions, state.budget),
    defaultPreferences: new DefaultPreferences(options.limits.sessions),
    chaosRandom: createRandom('chaos', options.seed),
    latencyRandom: createRandom('latency', options.seed),
    startedAt: new Date(),
    handle: (request) => handleRequest(request, engine),
  };
  return engine;
}
