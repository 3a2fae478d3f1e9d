import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Options } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with its plugin on `default`.
const addFormats = addFormatsModule.default;

/**
 * An ajv for JSON Schema 2020-12 with formats, in strict mode, collecting every error. Checking
 * schemas against the meta-schema costs ~80 ms of start-up; strict compilation still rejects
 * unknown keywords and invalid types, so a broken schema still stops start-up.
 */
export function createAjv(options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    // `required` inside `if`/`not` names properties declared beside it, not in the same object.
    strictRequired: false,
    validateSchema: false,
    verbose: true,
    ...options,
  });
  addFormats(ajv);
  // An annotation for the generated TypeScript types (json-schema-to-typescript); no rule.
  ajv.addKeyword({ keyword: 'tsType', schemaType: 'string' });
  return ajv;
}
