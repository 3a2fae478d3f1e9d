import { isRecord } from '../core/is-record.js';
import { formatProviderDateTime } from '../wire/format-provider-date-time.js';
import type { Random } from './random.js';

/** Resolves a local `$ref` of the spec. */
export type RefResolver = (ref: string) => Readonly<Record<string, unknown>>;

/** Values of a nullable field are null this often, so both forms reach consumers. */
const NULL_SHARE = 0.2;
/** Generated datetimes fall in the 90 days before this instant (fixed: output never depends on "now"). */
const REFERENCE_SECONDS = Date.parse('2026-06-30T00:00:00Z') / 1000;
const MAX_DEPTH = 6;
const WORDS = ['alpha', 'bravo', 'delta', 'echo', 'kilo', 'lima', 'nova', 'orbit', 'sierra'];

type Schema = Readonly<Record<string, unknown>>;

/** `"Tenant Id"` or `tenant_id` → `["tenant", "id"]`: a field's name or title as a hint. */
function words(hint: string): string[] {
  return hint
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

function dateTime(random: Random): string {
  const seconds = REFERENCE_SECONDS - random.int(1, 90 * 86_400);
  return formatProviderDateTime(seconds, random.int(0, 999_999));
}

function byFormat(format: string, random: Random): string | undefined {
  switch (format) {
    case 'date-time':
      return dateTime(random);
    case 'date':
      return dateTime(random).slice(0, 10);
    case 'time':
      return dateTime(random).slice(11, 19);
    case 'uuid':
      return random.uuid();
    case 'email':
      return `user${random.int(1001, 48_000)}@example.com`;
    case 'uri':
    case 'url':
      return `https://example.com/${random.pick(WORDS)}/${random.int(1, 9999)}`;
    case 'ipv4':
      return `203.0.113.${random.int(1, 254)}`;
    case 'ipv6':
      return `2001:db8::${random.int(1, 0xffff).toString(16)}`;
    case 'hostname':
      return `${random.pick(WORDS)}-${random.int(1, 99)}.example.com`;
    default:
      return undefined;
  }
}

/** A string for a field without a format, shaped by its name: ids, addresses, times, names. */
function byHint(hint: readonly string[], random: Random): string {
  const last = hint.at(-1);
  if (last === 'id' || last === 'key')
    return `${hint.slice(0, -1).join('_') || 'id'}_${random.hex(12)}`;
  if (hint.includes('ip')) return `203.0.113.${random.int(1, 254)}`;
  if (hint.includes('email')) return `user${random.int(1001, 48_000)}@example.com`;
  if (hint.includes('url') || hint.includes('uri')) return `https://example.com/${random.hex(8)}`;
  if (last === 'at' || last === 'time') return dateTime(random);
  return `${hint.join('_') || 'value'}-${random.pick(WORDS)}-${random.int(1, 999)}`;
}

function fitLength(text: string, schema: Schema, random: Random): string {
  const min = typeof schema['minLength'] === 'number' ? schema['minLength'] : 0;
  const max = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : Infinity;
  let out = text;
  while (out.length < min) out += random.hex(8);
  return out.slice(0, Math.max(min, Math.min(max, out.length)));
}

function bounds(schema: Schema, low: number, high: number, step: number): [number, number] {
  const num = (key: string) =>
    typeof schema[key] === 'number' ? (schema[key] as number) : undefined;
  const min = num('minimum') ?? (num('exclusiveMinimum') ?? low - step) + step;
  const max = num('maximum') ?? (num('exclusiveMaximum') ?? high + step) - step;
  return min <= max ? [min, max] : [min, min];
}

function typesOf(schema: Schema): string[] | undefined {
  const type = schema['type'];
  if (typeof type === 'string') return [type];
  return Array.isArray(type)
    ? type.filter((item): item is string => typeof item === 'string')
    : undefined;
}

function ofType(
  type: string,
  schema: Schema,
  random: Random,
  hint: string[],
  resolve: RefResolver,
  depth: number,
): unknown {
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return random.chance(0.5);
    case 'integer': {
      const [min, max] = bounds(
        schema,
        hint.includes('count') ? 0 : 1,
        hint.includes('count') ? 100 : 10_000,
        1,
      );
      return random.int(Math.ceil(min), Math.floor(max));
    }
    case 'number': {
      const [min, max] = bounds(schema, 0, 1_000, 0.01);
      return Math.round((min + random.next() * (max - min)) * 100) / 100;
    }
    case 'string': {
      const format =
        typeof schema['format'] === 'string' ? byFormat(schema['format'], random) : undefined;
      return fitLength(format ?? byHint(hint, random), schema, random);
    }
    case 'array': {
      const items = isRecord(schema['items']) ? schema['items'] : {};
      const min = typeof schema['minItems'] === 'number' ? schema['minItems'] : 1;
      const max = typeof schema['maxItems'] === 'number' ? schema['maxItems'] : Math.max(min, 3);
      const count = depth >= MAX_DEPTH ? min : random.int(min, Math.max(min, max));
      return Array.from({ length: count }, () => generate(items, random, hint, resolve, depth + 1));
    }
    case 'object': {
      const properties = isRecord(schema['properties']) ? schema['properties'] : {};
      const out: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(properties))
        if (isRecord(property))
          out[name] = generate(property, random, words(name), resolve, depth + 1);
      return out;
    }
    default:
      return byHint(hint, random);
  }
}

function generate(
  schema: Schema,
  random: Random,
  hint: string[],
  resolve: RefResolver,
  depth: number,
): unknown {
  const ref = schema['$ref'];
  if (typeof ref === 'string')
    return depth >= MAX_DEPTH ? null : generate(resolve(ref), random, hint, resolve, depth + 1);
  if ('const' in schema) return schema['const'];
  if (Array.isArray(schema['enum'])) return random.pick(schema['enum']);
  const title =
    typeof schema['title'] === 'string' && hint.length === 0 ? words(schema['title']) : hint;
  const branches = schema['anyOf'] ?? schema['oneOf'];
  if (Array.isArray(branches)) {
    const options = branches.filter(isRecord);
    const values = options.filter(
      (branch) => !(typesOf(branch)?.every((type) => type === 'null') ?? false),
    );
    if (values.length === 0 || (values.length < options.length && random.chance(NULL_SHARE)))
      return null;
    return generate(random.pick(values), random, title, resolve, depth + 1);
  }
  const types = typesOf(schema);
  if (types === undefined) {
    // A schema without a type (`{}`, any JSON value): a small object, as an event payload is.
    return isRecord(schema['properties'])
      ? ofType('object', schema, random, title, resolve, depth)
      : { [title.join('_') || 'value']: random.pick(WORDS) };
  }
  const values = types.filter((type) => type !== 'null');
  if (values.length === 0 || (values.length < types.length && random.chance(NULL_SHARE)))
    return null;
  return ofType(random.pick(values), schema, random, title, resolve, depth);
}

/**
 * A value for a JSON Schema, drawn from `random`: `const` and `enum` as given, `anyOf`/`oneOf` and
 * type lists by one branch (null a fifth of the time when allowed), strings by `format` (date-time
 * as the provider writes it, uuid, email, uri, ipv4, ipv6...) or else by the field's name or title
 * (`tenant_id` → `tenant_3f9a...`), numbers within their bounds, arrays and objects from their
 * items and properties. `pattern` and `multipleOf` are not followed.
 */
export function valueFromSchema(
  schema: Schema,
  random: Random,
  name: string,
  resolve: RefResolver,
): unknown {
  return generate(schema, random, words(name), resolve, 0);
}
