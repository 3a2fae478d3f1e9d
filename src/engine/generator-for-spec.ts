import type { Contract } from '../contract/compile-contract.js';
import { eventSchemaOf } from '../contract/compile-contract.js';
import { loadSpec } from '../contract/load-spec.js';
import type { EventGenerator } from '../generator/create-event-generator.js';
import type { SpecEventGenerator } from '../generator/follow-spec.js';
import { followsDomain, followSpec, planFields } from '../generator/follow-spec.js';

let domainSchema: Record<string, unknown> | undefined;

/**
 * The domain generator for a spec: as it is when the spec's response model is the bundled one it
 * was written for, else adapted to the spec (fields added, removed or changed; see `followSpec`).
 */
export function generatorForSpec(
  generate: EventGenerator,
  contract: Contract,
  seed: string,
): SpecEventGenerator {
  domainSchema ??= eventSchemaOf(loadSpec());
  const plan = planFields(contract, domainSchema);
  return followsDomain(plan, domainSchema) ? generate : followSpec(generate, contract, plan, seed);
}
