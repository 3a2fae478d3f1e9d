import type { Contract } from '../contract/compile-contract.js';
import { isRecord } from '../core/is-record.js';
import type { EventGenerator } from './create-event-generator.js';
import { createRandom } from './random.js';
import { valueFromSchema } from './value-from-schema.js';

/** Makes the event for an id in the shape of the loaded spec's response model. */
export interface SpecEventGenerator {
  (eventId: string): Readonly<Record<string, unknown>>;
  /** Starts the one-time set-up (building the seed's world) now, rather than on the first event. */
  warm(): void;
}

/** How one field of the loaded spec gets its value. */
export type FieldPlan =
  /** The domain generator's value, unchanged: the field's schema is the one it was written for. */
  | { readonly field: string; readonly how: 'domain' }
  /** The domain value when the changed schema accepts it, else one generated from the schema. */
  | { readonly field: string; readonly how: 'domain-if-valid' }
  /** A field the domain does not know: generated from its schema. */
  | { readonly field: string; readonly how: 'schema' };

// Keywords that describe a value without constraining it: a change to them keeps the domain value.
const ANNOTATIONS = new Set([
  'title',
  'description',
  'examples',
  'example',
  'default',
  'deprecated',
  '$comment',
  'readOnly',
  'writeOnly',
]);

/** Fields that echo the request, never replaced: a generated event's `id` is the id asked for. */
const ECHOED = new Set(['id']);

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (!isRecord(value)) return JSON.stringify(value) ?? 'null';
  const keys = Object.keys(value)
    .filter((key) => !ANNOTATIONS.has(key))
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
}

function propertiesOf(
  schema: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  const properties = schema['properties'];
  return isRecord(properties) ? properties : {};
}

/**
 * How each field of `contract`'s response model gets its value, given the response schema the
 * domain generator was written for (the bundled spec's): unchanged fields from the domain, changed
 * ones from the domain when still valid, new ones from their schema. Fields the spec removed are
 * not planned, so they are not sent.
 */
export function planFields(
  contract: Contract,
  domainSchema: Readonly<Record<string, unknown>>,
): FieldPlan[] {
  const domain = propertiesOf(domainSchema);
  return Object.entries(propertiesOf(contract.eventSchema)).map(([field, schema]): FieldPlan => {
    if (!Object.hasOwn(domain, field)) return { field, how: 'schema' };
    if (ECHOED.has(field)) return { field, how: 'domain' };
    return canonical(schema) === canonical(domain[field])
      ? { field, how: 'domain' }
      : { field, how: 'domain-if-valid' };
  });
}

/** Whether the plan is the domain's shape as it is: the same fields, in the same order, unchanged. */
export function followsDomain(
  plan: readonly FieldPlan[],
  domainSchema: Readonly<Record<string, unknown>>,
): boolean {
  const domain = Object.keys(propertiesOf(domainSchema));
  return (
    plan.length === domain.length &&
    plan.every((step, index) => step.how === 'domain' && step.field === domain[index])
  );
}

/**
 * Adapts the domain generator to the loaded spec (see {@link planFields}). A generated value draws
 * from a random source of its own, seeded by (seed, id, field): the same inputs give the same event
 * for any spec, and a field's value does not move when another field is added or removed.
 */
export function followSpec(
  generate: EventGenerator,
  contract: Contract,
  plan: readonly FieldPlan[],
  seed: string,
): SpecEventGenerator {
  const schemaOf = (field: string) => {
    const schema = propertiesOf(contract.eventSchema)[field];
    return isRecord(schema) ? schema : {};
  };
  const fromSchema = (eventId: string, field: string) =>
    valueFromSchema(
      schemaOf(field),
      createRandom('spec-field', seed, eventId, field),
      field,
      contract.resolveRef,
    );
  const adapted = (eventId: string) => {
    const event: Readonly<Record<string, unknown>> = generate(eventId);
    const out: Record<string, unknown> = {};
    for (const { field, how } of plan) {
      switch (how) {
        case 'domain':
          out[field] = event[field] ?? null;
          break;
        case 'domain-if-valid': {
          const value = event[field] ?? null;
          out[field] = contract.checkField(field, value) ? value : fromSchema(eventId, field);
          break;
        }
        case 'schema':
          out[field] = fromSchema(eventId, field);
          break;
        default:
          throw new Error(
            `Unknown field plan "${String(how satisfies never)}"; expected domain, domain-if-valid or schema.`,
          );
      }
    }
    return out;
  };
  return Object.assign(adapted, { warm: () => generate.warm() });
}
