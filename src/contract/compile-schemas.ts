import { readdirSync, readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import type { Violation } from '../core/violation.js';
import { createAjv } from './create-ajv.js';
import { SCHEMAS_DIR } from './schema-dir.js';
import { SpecError } from './spec-error.js';
import { toViolations } from './to-violations.js';

/** A compiled schema: the violations of a value, empty when it is valid. */
export type SchemaCheck = (value: unknown) => Violation[];

/** The package's own JSON Schemas, compiled once. */
export interface SchemaChecks {
  /** `schemas/options.schema.json`; fills in every default on the value it checks. */
  readonly options: SchemaCheck;
  readonly scenario: SchemaCheck;
  readonly responseFixture: SchemaCheck;
  readonly providerState: SchemaCheck;
}

const BASE = 'https://audit-events-mock.dev/schemas/';
let compiled: SchemaChecks | undefined;

function check(validate: ValidateFunction): SchemaCheck {
  return (value) => (validate(value) ? [] : toViolations(validate.errors));
}

function compile(useDefaults: boolean, names: readonly string[]): ValidateFunction[] {
  const ajv = createAjv({ useDefaults });
  try {
    for (const file of readdirSync(SCHEMAS_DIR).filter((name) => name.endsWith('.schema.json')))
      ajv.addSchema(JSON.parse(readFileSync(`${SCHEMAS_DIR}/${file}`, 'utf8')) as object);
    return names.map((name) => {
      const validate = ajv.getSchema(`${BASE}${name}.schema.json`);
      if (!validate) throw new Error(`schemas/${name}.schema.json is missing`);
      return validate;
    });
  } catch (error) {
    // The package's own schemas are part of it: one that does not compile is a defect.
    throw new SpecError(
      `The package's JSON Schemas do not compile (reinstall the package): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The compiled checks of the package's JSON Schemas (compiled on first use, then shared). */
export function schemaChecks(): SchemaChecks {
  if (compiled) return compiled;
  const [options] = compile(true, ['options']);
  const [scenario, responseFixture, providerState] = compile(false, [
    'scenario',
    'response-fixture',
    'provider-state',
  ]);
  if (!options || !scenario || !responseFixture || !providerState) throw new Error('unreachable');
  compiled = {
    options: check(options),
    scenario: check(scenario),
    responseFixture: check(responseFixture),
    providerState: check(providerState),
  };
  return compiled;
}
