import { readFileSync } from 'node:fs';
import { isRecord } from '../core/is-record.js';
import { SCHEMAS_DIR } from './schema-dir.js';

let schema: unknown;

/**
 * The default of a top-level option, read from `schemas/options.schema.json` without compiling it
 * (for code that needs one default cheaply, such as the generator's seed).
 */
export function optionDefault(name: string): unknown {
  schema ??= JSON.parse(readFileSync(`${SCHEMAS_DIR}/options.schema.json`, 'utf8'));
  const properties = isRecord(schema) ? schema['properties'] : undefined;
  const property = isRecord(properties) ? properties[name] : undefined;
  return isRecord(property) ? property['default'] : undefined;
}

/** The seed used when none is given: the same data set on every machine. */
export const DEFAULT_SEED = String(optionDefault('seed'));
