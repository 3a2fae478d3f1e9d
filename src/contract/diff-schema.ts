import { isRecord } from '../core/is-record.js';
import type { SpecChange } from './spec-change.js';
import { change } from './spec-change.js';

type Schema = Readonly<Record<string, unknown>>;
/** Resolves a local `$ref` in the document the schema comes from. */
export type Resolve = (ref: string) => Schema;

/** A schema reduced to what a consumer of a value relies on. */
interface Shape {
  /** The JSON types a value may have besides null; `undefined` for any value. */
  readonly types: ReadonlySet<string> | undefined;
  readonly nullable: boolean;
  readonly format: string | undefined;
  readonly values: readonly unknown[] | undefined;
  readonly properties: Readonly<Record<string, Schema>>;
  readonly required: ReadonlySet<string>;
  readonly items: Schema | undefined;
  readonly text: string;
}

const JSON_TYPES = ['string', 'integer', 'number', 'boolean', 'array', 'object'];

function deref(schema: Schema, resolve: Resolve, depth = 0): Schema {
  const ref = schema['$ref'];
  return typeof ref === 'string' && depth < 32 ? deref(resolve(ref), resolve, depth + 1) : schema;
}

function shapeOf(input: Schema, resolve: Resolve): Shape {
  const schema = deref(input, resolve);
  const branches = [schema['anyOf'], schema['oneOf']].find(Array.isArray)?.filter(isRecord);
  const text = [schema['title'], schema['description']]
    .filter((t) => typeof t === 'string')
    .join(' / ');
  if (branches && branches.length > 0) {
    const shapes = branches.map((branch) => shapeOf(branch, resolve));
    const typed = shapes.filter((shape) => shape.types === undefined || shape.types.size > 0);
    const anyType = typed.some((shape) => shape.types === undefined);
    return {
      types: anyType ? undefined : new Set(typed.flatMap((shape) => [...(shape.types ?? [])])),
      nullable: shapes.some((shape) => shape.nullable),
      format: typed.length === 1 ? typed[0]?.format : undefined,
      values: typed.every((shape) => shape.values)
        ? typed.flatMap((shape) => shape.values ?? [])
        : undefined,
      properties: Object.assign({}, ...typed.map((shape) => shape.properties)) as Record<
        string,
        Schema
      >,
      required: new Set(typed.flatMap((shape) => [...shape.required])),
      items: typed.find((shape) => shape.items)?.items,
      text,
    };
  }
  const declared = schema['type'];
  const list =
    typeof declared === 'string'
      ? [declared]
      : Array.isArray(declared)
        ? declared.map(String)
        : undefined;
  const values = Array.isArray(schema['enum'])
    ? schema['enum']
    : 'const' in schema
      ? [schema['const']]
      : undefined;
  const properties = isRecord(schema['properties'])
    ? (schema['properties'] as Record<string, Schema>)
    : {};
  const inferred = list ?? (Object.keys(properties).length > 0 ? ['object'] : undefined);
  return {
    types:
      inferred === undefined
        ? values
          ? new Set(values.filter((v) => v !== null).map(jsonType))
          : undefined
        : new Set(inferred.filter((t) => t !== 'null')),
    nullable: (inferred?.includes('null') ?? false) || (values?.includes(null) ?? false),
    format: typeof schema['format'] === 'string' ? schema['format'] : undefined,
    values: values?.filter((value) => value !== null),
    properties,
    required: new Set(Array.isArray(schema['required']) ? schema['required'].map(String) : []),
    items: isRecord(schema['items']) ? schema['items'] : undefined,
    text,
  };
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value === 'object' ? 'object' : typeof value;
}

function describe(shape: Shape): string {
  const types =
    shape.types === undefined ? ['any value'] : JSON_TYPES.filter((type) => shape.types?.has(type));
  return [...types, ...(shape.nullable ? ['null'] : [])].join(' or ') || 'nothing';
}

/** Whether every value of type `type` is one of `types` (an integer is a number). */
function covered(type: string, types: ReadonlySet<string> | undefined): boolean {
  return types === undefined || types.has(type) || (type === 'integer' && types.has('number'));
}

function compareTypes(before: Shape, after: Shape, where: string, out: SpecChange[]): void {
  const widened =
    after.types === undefined
      ? before.types !== undefined
      : [...after.types].some((type) => !covered(type, before.types));
  const narrowed =
    before.types === undefined
      ? after.types !== undefined
      : [...before.types].some((type) => !covered(type, after.types));
  if (widened)
    out.push(change('response-field-retyped', where, `${describe(before)} → ${describe(after)}`));
  else if (narrowed)
    out.push(change('response-field-narrowed', where, `${describe(before)} → ${describe(after)}`));
  if (!before.nullable && after.nullable)
    out.push(change('response-nullable-added', where, `${describe(before)} → ${describe(after)}`));
  if (before.nullable && !after.nullable)
    out.push(
      change('response-nullable-removed', where, `${describe(before)} → ${describe(after)}`),
    );
}

function compareValues(before: Shape, after: Shape, where: string, out: SpecChange[]): void {
  if (before.format !== after.format) {
    if (before.format === undefined)
      out.push(change('response-format-added', where, `format ${after.format ?? ''}`));
    else
      out.push(
        change(
          'response-format-changed',
          where,
          `format ${before.format} → ${after.format ?? 'none'}`,
        ),
      );
  }
  const has = (values: readonly unknown[], value: unknown) =>
    values.some((other) => JSON.stringify(other) === JSON.stringify(value));
  const list = (values: readonly unknown[]) =>
    values.map((value) => JSON.stringify(value)).join(', ');
  if (before.values !== undefined && after.values === undefined)
    out.push(change('response-enum-value-added', where, 'any value now, not only one of a list'));
  if (before.values === undefined && after.values !== undefined)
    out.push(change('response-field-narrowed', where, `now one of ${list(after.values)}`));
  if (before.values === undefined || after.values === undefined) return;
  const added = after.values.filter((value) => !has(before.values ?? [], value));
  const removed = before.values.filter((value) => !has(after.values ?? [], value));
  if (added.length > 0)
    out.push(change('response-enum-value-added', where, `new values ${list(added)}`));
  if (removed.length > 0)
    out.push(
      change('response-enum-value-removed', where, `values no longer sent ${list(removed)}`),
    );
}

/**
 * The changes between two versions of a response schema, for a consumer that reads the values:
 * fields removed, added, retyped, narrowed, made nullable or optional, enum values and formats.
 * `where` prefixes each location (`response 200`); nested fields are written `/actor/id`, array
 * items `/detail/[]/loc`.
 */
export function diffSchema(
  before: Schema,
  after: Schema,
  resolveBefore: Resolve,
  resolveAfter: Resolve,
  where: string,
  pointer = '',
  depth = 0,
): SpecChange[] {
  const out: SpecChange[] = [];
  if (depth > 16) return out;
  const old = shapeOf(before, resolveBefore);
  const now = shapeOf(after, resolveAfter);
  const at = `${where} ${pointer || '/'}`;
  compareTypes(old, now, at, out);
  compareValues(old, now, at, out);
  if (old.text !== now.text)
    out.push(change('description-changed', at, `"${old.text}" → "${now.text}"`));
  for (const [name, schema] of Object.entries(old.properties)) {
    const field = `${pointer}/${name}`;
    const next = now.properties[name];
    if (next === undefined) {
      if (now.types === undefined || now.types.has('object'))
        out.push(
          change(
            'response-field-removed',
            `${where} ${field}`,
            `${describe(shapeOf(schema, resolveBefore))}, no longer sent`,
          ),
        );
      continue;
    }
    if (old.required.has(name) && !now.required.has(name))
      out.push(change('response-field-made-optional', `${where} ${field}`, 'may now be left out'));
    if (!old.required.has(name) && now.required.has(name))
      out.push(change('response-field-made-required', `${where} ${field}`, 'always sent now'));
    out.push(...diffSchema(schema, next, resolveBefore, resolveAfter, where, field, depth + 1));
  }
  for (const [name, schema] of Object.entries(now.properties))
    if (!(name in old.properties))
      out.push(
        change(
          'response-field-added',
          `${where} ${pointer}/${name}`,
          `${describe(shapeOf(schema, resolveAfter))}${now.required.has(name) ? ', required' : ''}`,
        ),
      );
  if (old.items && now.items)
    out.push(
      ...diffSchema(
        old.items,
        now.items,
        resolveBefore,
        resolveAfter,
        where,
        `${pointer}/[]`,
        depth + 1,
      ),
    );
  return out;
}
