import { isRecord } from '../core/is-record.js';
import { findOperation, resolvePointer } from './compile-contract.js';
import { diffSchema } from './diff-schema.js';
import type { OpenApiDocument } from './load-spec.js';
import type { SpecChange } from './spec-change.js';
import { change } from './spec-change.js';
import { SpecError } from './spec-error.js';

type Json = Readonly<Record<string, unknown>>;

function record(value: unknown): Json {
  return isRecord(value) ? value : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (!isRecord(value)) return JSON.stringify(value) ?? 'null';
  return `{${Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
    .join(',')}}`;
}

/** The security schemes an operation requires, by name, with their definitions and scopes. */
function security(spec: OpenApiDocument, operation: Json): Map<string, unknown> {
  const requirements = operation['security'] ?? spec['security'];
  const schemes = record(record(spec['components'])['securitySchemes']);
  const out = new Map<string, unknown>();
  for (const requirement of Array.isArray(requirements) ? requirements : [])
    for (const [name, scopes] of Object.entries(record(requirement)))
      out.set(name, { ...record(schemes[name]), scopes });
  return out;
}

/** `flows.password.tokenUrl: "/a" → "/b"` for every leaf that differs. */
function leafChanges(before: unknown, after: unknown, path: string): string[] {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) =>
      leafChanges(before[key], after[key], path ? `${path}.${key}` : key),
    );
  }
  if (canonical(before) === canonical(after)) return [];
  const show = (value: unknown) => (value === undefined ? 'none' : canonical(value));
  return [`${path}: ${show(before)} → ${show(after)}`];
}

function diffSecurity(before: Map<string, unknown>, after: Map<string, unknown>): SpecChange[] {
  const out: SpecChange[] = [];
  for (const [name, definition] of before) {
    if (!after.has(name))
      out.push(change('security-changed', 'security', `${name} no longer accepted`));
    else {
      const changed = leafChanges(definition, after.get(name), '');
      if (changed.length > 0)
        out.push(change('security-changed', `security ${name}`, changed.join('; ')));
    }
  }
  for (const name of after.keys())
    if (!before.has(name)) out.push(change('security-changed', 'security', `${name} now required`));
  return out;
}

function parameters(spec: OpenApiDocument, operation: Json): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const item of Array.isArray(operation['parameters']) ? operation['parameters'] : []) {
    const ref = record(item)['$ref'];
    const parameter = typeof ref === 'string' ? resolvePointer(spec, ref) : record(item);
    const place = text(parameter['in']);
    // Header names are case-insensitive on the wire.
    const name =
      place === 'header' ? text(parameter['name']).toLowerCase() : text(parameter['name']);
    out.set(`${place} ${name}`, parameter);
  }
  return out;
}

function diffParameters(
  before: Map<string, Json>,
  after: Map<string, Json>,
  old: OpenApiDocument,
  now: OpenApiDocument,
): SpecChange[] {
  const out: SpecChange[] = [];
  for (const [key, parameter] of before) {
    const where = `parameter ${key.split(' ')[0] ?? ''} ${text(parameter['name'])}`;
    const next = after.get(key);
    if (next === undefined) {
      out.push(change('parameter-removed', where, 'no longer declared'));
      continue;
    }
    if (parameter['required'] !== true && next['required'] === true)
      out.push(change('parameter-made-required', where, 'must now be sent'));
    if (parameter['required'] === true && next['required'] !== true)
      out.push(change('parameter-made-optional', where, 'may now be left out'));
    const typeChanges = diffSchema(
      record(parameter['schema']),
      record(next['schema']),
      (ref) => resolvePointer(old, ref),
      (ref) => resolvePointer(now, ref),
      where,
    ).filter((found) => found.class === 'breaking' || found.kind === 'response-field-narrowed');
    if (typeChanges.length > 0)
      out.push(
        change('parameter-retyped', where, typeChanges.map((found) => found.detail).join('; ')),
      );
  }
  for (const [key, parameter] of after)
    if (!before.has(key))
      out.push(
        change(
          parameter['required'] === true ? 'parameter-added-required' : 'parameter-added-optional',
          `parameter ${key.split(' ')[0] ?? ''} ${text(parameter['name'])}`,
          parameter['required'] === true ? 'must be sent' : 'may be sent',
        ),
      );
  return out;
}

function diffResponses(
  old: OpenApiDocument,
  now: OpenApiDocument,
  before: Json,
  after: Json,
): SpecChange[] {
  const out: SpecChange[] = [];
  for (const [status, response] of Object.entries(before)) {
    const next = after[status];
    if (next === undefined) {
      out.push(
        change(
          'status-code-removed',
          `response ${status}`,
          `${text(record(response)['description'])} no longer documented`,
        ),
      );
      continue;
    }
    const oldContent = record(record(response)['content']);
    const newContent = record(record(next)['content']);
    for (const [media, body] of Object.entries(oldContent)) {
      const where = `response ${status}`;
      if (newContent[media] === undefined)
        out.push(change('media-type-removed', where, `${media} no longer sent`));
      else
        out.push(
          ...diffSchema(
            record(record(body)['schema']),
            record(record(newContent[media])['schema']),
            (ref) => resolvePointer(old, ref),
            (ref) => resolvePointer(now, ref),
            where,
          ),
        );
    }
    for (const media of Object.keys(newContent))
      if (oldContent[media] === undefined)
        out.push(change('media-type-added', `response ${status}`, `${media} may be sent`));
  }
  for (const [status, response] of Object.entries(after))
    if (before[status] === undefined)
      out.push(
        change('status-code-added', `response ${status}`, text(record(response)['description'])),
      );
  return out;
}

/**
 * The changes between two versions of the contract of the operation the mock serves (the GET on
 * the event path), each classified for a consumer (see `classify`): the operation, its security,
 * its parameters and every response, field by field.
 */
export function diffSpecs(old: OpenApiDocument, now: OpenApiDocument): SpecChange[] {
  const [oldPath, oldOperation] = findOperation(old);
  let found: [string, Record<string, unknown>];
  try {
    found = findOperation(now);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    return [change('operation-removed', 'operation', `GET ${oldPath} is gone`)];
  }
  const [newPath, newOperation] = found;
  const out: SpecChange[] = [];
  if (oldPath !== newPath)
    out.push(change('operation-moved', 'operation', `GET ${oldPath} → GET ${newPath}`));
  if (text(oldOperation['operationId']) !== text(newOperation['operationId']))
    out.push(
      change(
        'operation-id-changed',
        'operation',
        `${text(oldOperation['operationId'])} → ${text(newOperation['operationId'])} (generated clients rename their function)`,
      ),
    );
  for (const key of ['summary', 'description'])
    if (text(oldOperation[key]) !== text(newOperation[key]))
      out.push(
        change(
          'description-changed',
          `operation ${key}`,
          `"${text(oldOperation[key])}" → "${text(newOperation[key])}"`,
        ),
      );
  out.push(...diffSecurity(security(old, oldOperation), security(now, newOperation)));
  out.push(
    ...diffParameters(parameters(old, oldOperation), parameters(now, newOperation), old, now),
  );
  out.push(
    ...diffResponses(
      old,
      now,
      record(oldOperation['responses']),
      record(newOperation['responses']),
    ),
  );
  return out;
}
