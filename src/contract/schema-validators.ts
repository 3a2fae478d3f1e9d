import { readdirSync, readFileSync } from 'node:fs';
import type { Options } from 'ajv';
import { createAjv } from './create-ajv.js';
import { SCHEMAS_DIR } from './schema-dir.js';

/** One of the package's JSON Schemas: `scenario` for `schemas/scenario.schema.json`. */
export interface SchemaFile {
  readonly name: string;
  readonly text: string;
}

/** The schemas the mock checks values against at run time, filling in their defaults. */
export const SCHEMAS_WITH_DEFAULTS = ['options'] as const;
/**
 * The schemas the mock checks values against at run time as they are (the others describe what
 * the admin API answers, for its client's types and for tests). The build compiles these.
 */
export const SCHEMAS_AS_THEY_ARE = [
  'scenario',
  'response-fixture',
  'provider-state',
  'preferences',
] as const;

const BASE = 'https://audit-events-mock.dev/schemas/';
const SUFFIX = '.schema.json';

/** Every `schemas/*.schema.json` of the package, by name. */
export function readSchemaFiles(dir: string = SCHEMAS_DIR): SchemaFile[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith(SUFFIX))
    .sort()
    .map((file) => ({
      name: file.slice(0, -SUFFIX.length),
      text: readFileSync(`${dir}/${file}`, 'utf8'),
    }));
}

/** The `$id` of the schema `name`. */
export function schemaId(name: string): string {
  return `${BASE}${name}${SUFFIX}`;
}

/**
 * An ajv holding every schema of `files` (which `$ref` each other), filling in defaults when
 * `useDefaults`. The build compiles them with this same ajv, `options` asking for source code
 * (scripts/generate-validators.ts), so both ways give the same answers.
 */
export function createSchemaAjv(
  files: readonly SchemaFile[],
  useDefaults: boolean,
  options: Options = {},
) {
  const ajv = createAjv({ useDefaults, ...options });
  for (const file of files) ajv.addSchema(JSON.parse(file.text) as object);
  return ajv;
}
