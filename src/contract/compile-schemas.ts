import type { Violation } from '../core/violation.js';
import type { Validate } from '../generated/validators.js';
import { precompiledSchemaValidators } from './precompiled-validators.js';
import {
  createSchemaAjv,
  readSchemaFiles,
  SCHEMAS_AS_THEY_ARE,
  SCHEMAS_WITH_DEFAULTS,
  schemaId,
} from './schema-validators.js';
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
  readonly preferences: SchemaCheck;
}

let compiled: SchemaChecks | undefined;

function check(validate: Validate): SchemaCheck {
  return (value) => (validate(value) ? [] : toViolations(validate.errors));
}

function compile(useDefaults: boolean, names: readonly string[]): Validate[] {
  const files = readSchemaFiles();
  const precompiled = precompiledSchemaValidators(files, useDefaults, names);
  if (precompiled) return precompiled;
  try {
    const ajv = createSchemaAjv(files, useDefaults);
    return names.map((name) => {
      const validate = ajv.getSchema(schemaId(name));
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

/**
 * The compiled checks of the package's JSON Schemas (compiled on first use, then shared): compiled
 * at build time, unless a schema changed since the build.
 */
export function schemaChecks(): SchemaChecks {
  if (compiled) return compiled;
  const [options] = compile(true, SCHEMAS_WITH_DEFAULTS);
  const [scenario, responseFixture, providerState, preferences] = compile(
    false,
    SCHEMAS_AS_THEY_ARE,
  );
  if (!options || !scenario || !responseFixture || !providerState || !preferences)
    throw new Error('unreachable');
  compiled = {
    options: check(options),
    scenario: check(scenario),
    responseFixture: check(responseFixture),
    providerState: check(providerState),
    preferences: check(preferences),
  };
  return compiled;
}
