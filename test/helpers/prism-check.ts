import { readFileSync } from 'node:fs';
import { transformOas3Operations } from '@stoplight/http-spec/oas3';
import { validateOutput } from '@stoplight/prism-http/dist/validator/index.js';
import { SPEC_FILE } from './paths.js';

const [operation] = transformOas3Operations(JSON.parse(readFileSync(SPEC_FILE, 'utf8')));
if (!operation) throw new Error('Prism found no operation in the spec');

/**
 * A second, independent check of a response: Prism's own output validator on the same spec.
 * Returns Prism's diagnostics as messages, empty when it accepts the response.
 */
export function prismViolations(statusCode: number, contentType: string, body: unknown): string[] {
  if (!operation) return ['no operation'];
  const result = validateOutput({
    resource: operation,
    element: { statusCode, headers: { 'content-type': contentType }, body },
  });
  return result._tag === 'Left'
    ? result.left.map((diagnostic) => `${diagnostic.path?.join('.')}: ${diagnostic.message}`)
    : [];
}
