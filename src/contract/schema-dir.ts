import { packagePath } from '../core/package-root.js';

/** The folder of the package's JSON Schemas: the admin API's bodies and the options. */
export const SCHEMAS_DIR = packagePath('schemas');
