import { createRequire } from 'node:module';
import type { Options } from 'ajv';
import type * as Ajv2020Module from 'ajv/dist/2020.js';
import type * as AjvFormatsModule from 'ajv-formats';

type Ajv2020 = Ajv2020Module.Ajv2020;

// ajv loads when a schema is compiled at run time (a `--spec` of the user's, or a schema edited
// since the build), not when the package is imported: the bundled spec's and the package's own
// validators are compiled at build time (see precompiled-validators.ts).
const require = createRequire(import.meta.url);

/**
 * An ajv for JSON Schema 2020-12 with formats, in strict mode, collecting every error. Checking
 * schemas against the meta-schema costs ~80 ms of start-up; strict compilation still rejects
 * unknown keywords and invalid types, so a broken schema still stops start-up.
 */
export function createAjv(options: Options = {}): Ajv2020 {
  const { Ajv2020 } = require('ajv/dist/2020.js') as typeof Ajv2020Module;
  // ajv-formats is CommonJS with its plugin on `default`.
  const addFormats = (require('ajv-formats') as typeof AjvFormatsModule).default;
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
