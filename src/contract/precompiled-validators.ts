import * as precompiled from '../generated/validators.js';
import type { Validate } from '../generated/validators.js';
import { schemasDigest, specDigest } from './digest.js';
import type { OpenApiDocument } from './load-spec.js';
import type { SchemaFile } from './schema-validators.js';
import type { SpecRefs, SpecValidators } from './spec-validators.js';

/**
 * The spec's validators compiled at build time from the bundled spec
 * (scripts/generate-validators.ts), when `spec` is that document; `undefined` otherwise (another
 * spec, or the file changed since the build), and the caller compiles them.
 */
export function precompiledSpecValidators(
  spec: OpenApiDocument,
  refs: SpecRefs,
): SpecValidators | undefined {
  if (specDigest(spec) !== precompiled.SPEC_DIGEST) return undefined;
  const event = precompiled.spec[refs.event];
  const validationError = precompiled.spec[refs.validationError];
  return event && validationError ? { event, validationError } : undefined;
}

/**
 * The validators of the package's schemas `names` compiled at build time (with defaults filled
 * in, or without), when `files` are the schemas they were compiled from; `undefined` otherwise.
 */
export function precompiledSchemaValidators(
  files: readonly SchemaFile[],
  useDefaults: boolean,
  names: readonly string[],
): Validate[] | undefined {
  if (schemasDigest(files) !== precompiled.SCHEMAS_DIGEST) return undefined;
  const compiled = useDefaults ? precompiled.schemasWithDefaults : precompiled.schemas;
  const found = names.flatMap((name) => compiled[name] ?? []);
  return found.length === names.length ? found : undefined;
}
