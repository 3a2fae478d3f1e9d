import type { ValidateFunction } from 'ajv';
import type { OpenApiDocument } from './load-spec.js';
import { SpecError } from './spec-error.js';
import { precompiledSpecValidators } from './precompiled-validators.js';
import type { SpecRefs } from './spec-validators.js';
import { compileSpecValidators, createSpecAjv, specSchemaId } from './spec-validators.js';
import { toViolations } from './to-violations.js';
import type { Violation } from '../core/violation.js';
import { isRecord } from '../core/is-record.js';

/** A field of the 200 response model, in the model's declared order. */
export interface EventField {
  readonly name: string;
  /** `true` for a `number` (float) field: the provider writes integral values as `12.0`. */
  readonly float: boolean;
  /**
   * What the field may hold besides its type: `nullable` when `null` is allowed, `any-or-null` when
   * it is any JSON value or null (like `event_payload`), `required` otherwise.
   */
  readonly nullability: 'required' | 'nullable' | 'any-or-null';
}

/** The operation the mock serves, as the spec declares it. */
export interface Operation {
  /** The path template, e.g. `/v1/audit/events/{event_id}`. */
  readonly pathTemplate: string;
  readonly pathParameter: string;
  /** The optional API-key header, e.g. `X-API-Key`, when the operation declares one. */
  readonly apiKeyHeader: string | undefined;
  /** The response statuses the operation declares (e.g. `[200, 422]`); `default` is left out. */
  readonly statuses: readonly number[];
}

/** Validators and shapes compiled once from the OpenAPI document. */
export interface Contract {
  readonly operation: Operation;
  readonly eventFields: readonly EventField[];
  /** The 200 response's schema (the `AuditEventResponse` object), `$ref` resolved. */
  readonly eventSchema: Readonly<Record<string, unknown>>;
  /** The schema a local `$ref` (`#/components/schemas/...`) points at. */
  resolveRef(ref: string): Readonly<Record<string, unknown>>;
  /** Whether `value` is valid for the response field `name` (compiled on first use). */
  checkField(name: string, value: unknown): boolean;
  /** Checks a 200 body against the operation's response schema. */
  validateEvent(value: unknown): Violation[];
  /** Checks a 422 body against the operation's `HTTPValidationError` schema. */
  validateValidationError(value: unknown): Violation[];
}

/** The GET operation the mock serves: its path template and operation object. */
export function findOperation(spec: OpenApiDocument): [string, Record<string, unknown>] {
  for (const [template, item] of Object.entries(spec.paths)) {
    const get = item['get'];
    if (isRecord(get) && /\{[^}]+\}$/.test(template)) return [template, get];
  }
  throw new SpecError(
    'The spec has no GET operation on a path ending in a parameter, like /v1/audit/events/{event_id}.',
  );
}

function responseRef(operation: Record<string, unknown>, status: string): string {
  const responses = operation['responses'];
  const response = isRecord(responses) ? responses[status] : undefined;
  const content = isRecord(response) ? response['content'] : undefined;
  const json = isRecord(content) ? content['application/json'] : undefined;
  const schema = isRecord(json) ? json['schema'] : undefined;
  const ref = isRecord(schema) ? schema['$ref'] : undefined;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) {
    throw new SpecError(
      `The GET operation's ${status} response has no application/json schema $ref.`,
    );
  }
  return ref;
}

/** The object a local `$ref` (`#/components/schemas/...`) points at. */
export function resolvePointer(spec: OpenApiDocument, ref: string): Record<string, unknown> {
  let node: unknown = spec;
  for (const token of ref.slice(2).split('/')) {
    node = isRecord(node) ? node[token.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined;
  }
  if (!isRecord(node)) throw new SpecError(`The spec's ${ref} does not point at a schema.`);
  return node;
}

function isFloatSchema(schema: unknown): boolean {
  if (!isRecord(schema)) return false;
  const type = schema['type'];
  if (type === 'number' || (Array.isArray(type) && type.includes('number'))) return true;
  const anyOf = schema['anyOf'];
  return Array.isArray(anyOf) && anyOf.some(isFloatSchema);
}

function nullabilityOf(schema: unknown): EventField['nullability'] {
  const anyOf = isRecord(schema) ? schema['anyOf'] : undefined;
  if (
    !Array.isArray(anyOf) ||
    !anyOf.some((branch) => isRecord(branch) && branch['type'] === 'null')
  )
    return 'required';
  const unconstrained = anyOf.some(
    (branch) => isRecord(branch) && Object.keys(branch).length === 0,
  );
  return unconstrained ? 'any-or-null' : 'nullable';
}

function describeOperation(template: string, operation: Record<string, unknown>): Operation {
  const parameters = Array.isArray(operation['parameters']) ? operation['parameters'] : [];
  const named = (place: string) =>
    parameters.filter(isRecord).find((p) => p['in'] === place && typeof p['name'] === 'string')?.[
      'name'
    ];
  const pathParameter = named('path');
  if (typeof pathParameter !== 'string')
    throw new SpecError(`${template} declares no path parameter.`);
  const header = named('header');
  const responses = isRecord(operation['responses']) ? operation['responses'] : {};
  return {
    pathTemplate: template,
    pathParameter,
    apiKeyHeader: typeof header === 'string' ? header : undefined,
    statuses: Object.keys(responses)
      .filter((status) => /^[1-5]\d\d$/.test(status))
      .map(Number),
  };
}

/** The 200 response's schema of the operation the mock serves (`AuditEventResponse`), resolved. */
export function eventSchemaOf(spec: OpenApiDocument): Record<string, unknown> {
  const [, operation] = findOperation(spec);
  return resolvePointer(spec, responseRef(operation, '200'));
}

/** The `$ref`s of the schemas of the operation's 200 and 422 answers. */
export function responseRefs(spec: OpenApiDocument): SpecRefs {
  const [, operation] = findOperation(spec);
  return { event: responseRef(operation, '200'), validationError: responseRef(operation, '422') };
}

/**
 * The spec's validators: compiled at build time for the bundled spec (and any document equal to
 * it), else compiled with ajv (and ajv-formats) once; fails loudly if they do not compile. The
 * checks of single fields are compiled with ajv on first use.
 */
export function compileContract(spec: OpenApiDocument): Contract {
  const [template, operation] = findOperation(spec);
  const eventRef = responseRef(operation, '200');
  const refs = responseRefs(spec);
  const { event: eventValidator, validationError: errorValidator } =
    precompiledSpecValidators(spec, refs) ?? compileSpecValidators(spec, refs);
  let ajv: ReturnType<typeof createSpecAjv> | undefined;

  const eventSchema = resolvePointer(spec, eventRef);
  const properties = eventSchema['properties'];
  if (!isRecord(properties)) throw new SpecError(`${eventRef} has no properties.`);
  const eventFields = Object.entries(properties).map(([name, schema]) => ({
    name,
    float: isFloatSchema(schema),
    nullability: nullabilityOf(schema),
  }));
  const fieldChecks = new Map<string, ValidateFunction>();
  const fieldCheck = (name: string): ValidateFunction => {
    let check = fieldChecks.get(name);
    if (!check) {
      const pointer = `${eventRef}/properties/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      ajv ??= createSpecAjv(spec);
      check = ajv.getSchema(specSchemaId(encodeURI(pointer))) ?? missing(pointer);
      fieldChecks.set(name, check);
    }
    return check;
  };

  return {
    operation: describeOperation(template, operation),
    eventFields,
    eventSchema,
    resolveRef: (ref) => resolvePointer(spec, ref),
    checkField: (name, value) => Boolean(fieldCheck(name)(value)),
    validateEvent: (value) => (eventValidator(value) ? [] : toViolations(eventValidator.errors)),
    validateValidationError: (value) =>
      errorValidator(value) ? [] : toViolations(errorValidator.errors),
  };
}

function missing(ref: string): never {
  throw new SpecError(`The spec has no schema at ${ref}.`);
}
