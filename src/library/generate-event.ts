import { compileContract } from '../contract/compile-contract.js';
import type { Contract } from '../contract/compile-contract.js';
import { BUNDLED_SPEC_PATH, loadSpec } from '../contract/load-spec.js';
import type { Violation } from '../core/violation.js';
import type { CompleteAuditEvent } from '../generator/audit-event.js';
import type { EventGenerator } from '../generator/create-event-generator.js';
import { createEventGenerator } from '../generator/create-event-generator.js';
import { DEFAULT_SEED } from '../contract/option-default.js';

const contracts = new Map<string, Contract>();
const generators = new Map<string, EventGenerator>();

function contractFor(spec: string): Contract {
  let contract = contracts.get(spec);
  if (!contract) {
    contract = compileContract(loadSpec(spec));
    contracts.set(spec, contract);
  }
  return contract;
}

/**
 * The event the mock answers for an id without a fixture: the same seed and id always give the
 * same event, as the server serves it.
 * @default options.seed 'audit-events-mock'
 * @example const event = generateEvent('evt_123', { seed: 'ci' }); expect(event.id).toBe('evt_123');
 */
export function generateEvent(
  id: string,
  options: { readonly seed?: string } = {},
): CompleteAuditEvent {
  const seed = options.seed ?? DEFAULT_SEED;
  let generator = generators.get(seed);
  if (!generator) {
    generator = createEventGenerator(seed);
    // A handful of seeds is the norm in a test run; the cap keeps a seed-per-test loop bounded.
    if (generators.size >= 16) generators.clear();
    generators.set(seed, generator);
  }
  return generator(id);
}

/**
 * Checks a body against the spec's `AuditEventResponse`: the violations, empty when it is valid.
 * @default options.spec the bundled spec
 * @example expect(validateEvent(await res.json())).toEqual([]);
 */
export function validateEvent(
  body: unknown,
  options: { readonly spec?: string } = {},
): Violation[] {
  return contractFor(options.spec ?? BUNDLED_SPEC_PATH).validateEvent(body);
}
