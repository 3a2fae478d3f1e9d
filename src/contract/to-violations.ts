import type { ErrorObject } from 'ajv';
import { isRecord } from '../core/is-record.js';
import type { Violation } from '../core/violation.js';
import { pointerTo } from './unknown-keys.js';

/** Keywords whose branches are folded into one violation. */
const BRANCHING = new Set(['anyOf', 'oneOf']);

function branchesOf(branching: ErrorObject, errors: readonly ErrorObject[]): ErrorObject[] {
  const prefix = `${branching.schemaPath}/`;
  return errors.filter((error) => error.schemaPath.startsWith(prefix));
}

function describeBranches(branching: ErrorObject, branches: readonly ErrorObject[]): string {
  if (branches.length > 0 && branches.every((error) => error.keyword === 'type')) {
    return `must be ${branches.map((error) => String(error.params['type'])).join(' or ')}`;
  }
  const parent: unknown = branching.parentSchema;
  const description = isRecord(parent) ? parent['description'] : undefined;
  if (typeof description === 'string') return `does not match any allowed form: ${description}`;
  return `must match one of: ${[...new Set(branches.map((error) => error.message ?? error.keyword))].join('; ')}`;
}

function allowedValues(error: ErrorObject): string {
  const values = error.params['allowedValues'];
  return Array.isArray(values) ? values.map((value) => String(value)).join(', ') : '';
}

function knownKeys(error: ErrorObject): string {
  const parent: unknown = error.parentSchema;
  const properties = isRecord(parent) ? parent['properties'] : undefined;
  return isRecord(properties)
    ? Object.keys(properties)
        .filter((key) => !key.startsWith('$'))
        .join(', ')
    : '';
}

function violationOf(error: ErrorObject): Violation {
  const at = error.instancePath;
  switch (error.keyword) {
    case 'required':
      return {
        pointer: pointerTo(at, String(error.params['missingProperty'])),
        message: 'is required but missing',
        rule: 'required',
      };
    case 'additionalProperties': {
      const known = knownKeys(error);
      return {
        pointer: pointerTo(at, String(error.params['additionalProperty'])),
        message: known === '' ? 'is not an allowed key' : `is not a known key; use ${known}`,
        rule: 'additionalProperties',
      };
    }
    case 'propertyNames':
      return {
        pointer: pointerTo(at, String(error.params['propertyName'])),
        message: 'is not an allowed name here',
        rule: 'propertyNames',
      };
    case 'enum':
      return { pointer: at, message: `must be one of ${allowedValues(error)}`, rule: 'enum' };
    default:
      return {
        pointer: at,
        message: error.message ?? `fails "${error.keyword}"`,
        rule: error.keyword,
      };
  }
}

/**
 * Turns ajv's errors into violations a person can act on: one line per failed rule, the branches of
 * an `anyOf`/`oneOf` folded into one ("must be integer or null"), a missing or unknown property
 * pointed at by name, the allowed values of an enum listed.
 */
export function toViolations(errors: readonly ErrorObject[] | null | undefined): Violation[] {
  if (!errors) return [];
  const branching = errors.filter((error) => BRANCHING.has(error.keyword));
  const violations: Violation[] = [];
  for (const error of errors) {
    if (BRANCHING.has(error.keyword)) {
      violations.push({
        pointer: error.instancePath,
        message: describeBranches(error, branchesOf(error, errors)),
        rule: error.keyword,
      });
    } else if (
      error.keyword === 'if' ||
      branching.some((outer) => error.schemaPath.startsWith(`${outer.schemaPath}/`))
    ) {
      // An `if` error only repeats the `then` error beside it; branch errors are folded above.
      continue;
    } else violations.push(violationOf(error));
  }
  return violations;
}
