import { createHash } from 'node:crypto';
import type { OpenApiDocument } from './load-spec.js';
import type { SchemaFile } from './schema-validators.js';

function digestOf(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

/**
 * The digest of an OpenAPI document as parsed: the build records the bundled spec's beside the
 * validators it compiled from it, so they are used only for that document.
 */
export function specDigest(spec: OpenApiDocument): string {
  return digestOf([JSON.stringify(spec)]);
}

/** The digest of the package's schemas as read, recorded by the build in the same way. */
export function schemasDigest(files: readonly SchemaFile[]): string {
  return digestOf(files.flatMap((file) => [file.name, file.text]));
}
