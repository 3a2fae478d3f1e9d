import { readFileSync } from 'node:fs';
import { transformOas3Operations } from '@stoplight/http-spec/oas3';
import { validateOutput } from '@stoplight/prism-http/dist/validator/index.js';
import { SPEC_FILE } from './paths.js';

const [bundled] = transformOas3Operations(JSON.parse(readFileSync(SPEC_FILE, 'utf8')));

/**
 * A second, independent check of a response: Prism's own output validator on the same spec (or
 * on `spec`). Returns Prism's diagnostics as messages, empty when it accepts the response.
 */
export function prismViolations(
  statusCode: number,
  contentType: string,
  body: unknown,
  spec?: unknown,
): string[] {
  const [operation] =
    spec === undefined
      ? [bundled]
      : transformOas3Operations(spec as Parameters<typeof transformOas3Operations>[0]);
  if (!operation) return ['Prism found no operation in the spec'];
  const result = validateOutput({
    resource: operation,
    element: { statusCode, headers: { 'content-type': contentType }, body },
  });
  return result._tag === 'Left'
    ? result.left.map((diagnostic) => `${diagnostic.path?.join('.')}: ${diagnostic.message}`)
    : [];
}
