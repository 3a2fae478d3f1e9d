import type { ErrorObject } from 'ajv';
import type { Violation } from './violation.js';

function branchesOf(anyOf: ErrorObject, errors: readonly ErrorObject[]): ErrorObject[] {
  const prefix = `${anyOf.schemaPath}/`;
  return errors.filter((error) => error.schemaPath.startsWith(prefix));
}

function describeAnyOf(branches: readonly ErrorObject[]): string {
  if (branches.length > 0 && branches.every((error) => error.keyword === 'type')) {
    return `must be ${branches.map((error) => String(error.params['type'])).join(' or ')}`;
  }
  return `must match one of: ${branches.map((error) => error.message ?? error.keyword).join('; ')}`;
}

/**
 * Turns ajv's errors into violations a person can act on: one line per failed rule, the branches of
 * a nullable `anyOf` folded into "must be integer or null", a missing property pointed at by name.
 */
export function toViolations(errors: readonly ErrorObject[] | null | undefined): Violation[] {
  if (!errors) return [];
  const anyOfs = errors.filter((error) => error.keyword === 'anyOf');
  const violations: Violation[] = [];
  for (const error of errors) {
    if (error.keyword === 'anyOf') {
      violations.push({
        pointer: error.instancePath,
        message: describeAnyOf(branchesOf(error, errors)),
        rule: 'anyOf',
      });
    } else if (anyOfs.some((anyOf) => error.schemaPath.startsWith(`${anyOf.schemaPath}/`))) {
      continue;
    } else if (error.keyword === 'required') {
      const missing = String(error.params['missingProperty']);
      violations.push({
        pointer: `${error.instancePath}/${missing}`,
        message: `is required but missing`,
        rule: 'required',
      });
    } else {
      violations.push({
        pointer: error.instancePath,
        message: error.message ?? `fails "${error.keyword}"`,
        rule: error.keyword,
      });
    }
  }
  return violations;
}
