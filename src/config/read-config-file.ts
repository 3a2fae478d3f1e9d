import { dirname, resolve } from 'node:path';
import { schemaChecks } from '../contract/compile-schemas.js';
import { isSpecUrl } from '../contract/load-spec.js';
import { isRecord } from '../core/is-record.js';
import { MAX_JSON_FILE_BYTES } from '../core/limits.js';
import { readRegularFile } from '../core/read-regular-file.js';
import type { MockConfig } from './mock-options.js';
import { OptionsError } from './options-error.js';

/**
 * Reads a JSON config file holding {@link MockConfig} (a byte-order mark is fine), checks it against
 * `schemas/options.schema.json` and makes its `spec` (unless a URL) and `fixtures` paths relative to the file, so
 * it works from any working directory.
 * @throws OptionsError naming the file and every key that is not valid
 */
export function readConfigFile(path: string): MockConfig {
  const read = readRegularFile(path, MAX_JSON_FILE_BYTES);
  if (!read.ok) throw new OptionsError(`Cannot read the config file ${path}: it ${read.message}.`);
  let value: unknown;
  try {
    value = JSON.parse(read.text);
  } catch (error) {
    throw new OptionsError(
      `The config file ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
  if (!isRecord(value))
    throw new OptionsError(`The config file ${path} must hold a JSON object of options.`);
  // Checked on a copy, so the schema's defaults do not count as set by the file.
  const violations = schemaChecks().options(structuredClone(value));
  if (violations.length > 0) throw OptionsError.fromViolations(path, violations);
  const config = value as MockConfig;
  return {
    ...config,
    ...(config.spec === undefined || isSpecUrl(config.spec)
      ? {}
      : { spec: resolve(dirname(path), config.spec) }),
    ...(config.fixtures === undefined
      ? {}
      : {
          fixtures:
            typeof config.fixtures === 'string'
              ? resolve(dirname(path), config.fixtures)
              : config.fixtures.map((folder) => resolve(dirname(path), folder)),
        }),
  };
}
