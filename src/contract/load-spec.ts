import { MAX_JSON_FILE_BYTES } from '../core/limits.js';
import { packagePath } from '../core/package-root.js';
import { readRegularFile } from '../core/read-regular-file.js';
import { isRecord } from '../core/is-record.js';
import { SpecError } from './spec-error.js';

/** The OpenAPI document bundled with the package. */
export const BUNDLED_SPEC_PATH = packagePath('spec', 'openapi.json');

/** The parts of an OpenAPI 3.1 document the mock reads; the rest is kept as it is. */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly components: { readonly schemas: Readonly<Record<string, unknown>> };
  readonly [key: string]: unknown;
}

/** A spec as loaded: the document, its text as it came (for serving), and where it came from. */
export interface LoadedSpec {
  readonly document: OpenApiDocument;
  readonly text: string;
  /** The file or URL it was read from. */
  readonly origin: string;
}

/** Whether a `spec` option names an http(s) URL rather than a file. */
export function isSpecUrl(spec: string): boolean {
  return /^https?:\/\//i.test(spec);
}

/** Reads and checks the OpenAPI document at `path`. */
export function loadSpec(path: string = BUNDLED_SPEC_PATH): OpenApiDocument {
  return readSpecFile(path).document;
}

/**
 * Reads and checks the OpenAPI document at `path`, keeping its text. Only a regular file is read:
 * a FIFO or device is refused, never opened for reading (it would block or never end).
 */
export function readSpecFile(path: string = BUNDLED_SPEC_PATH): LoadedSpec {
  const read = readRegularFile(path, MAX_JSON_FILE_BYTES);
  if (!read.ok)
    throw new SpecError(
      `Cannot read the spec file ${path}: it ${read.message}. Pass --spec <file> with an OpenAPI 3.1 JSON document.`,
    );
  return parseSpecText(read.text, path, `The spec file ${path}`);
}

/** Parses and checks spec text read from `origin` (`what` names it in a message). */
export function parseSpecText(text: string, origin: string, what: string): LoadedSpec {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SpecError(`${what} is not valid JSON: ${reason}.`);
  }
  return { document: parseSpec(document, origin), text: body, origin };
}

/** Checks that `document` is an OpenAPI 3.1 document with paths and component schemas. */
export function parseSpec(document: unknown, origin: string): OpenApiDocument {
  if (!isRecord(document) || typeof document['openapi'] !== 'string') {
    throw new SpecError(`${origin} is not an OpenAPI document: it has no "openapi" version field.`);
  }
  if (!document['openapi'].startsWith('3.1.')) {
    throw new SpecError(
      `${origin} is OpenAPI ${document['openapi']}; the mock reads OpenAPI 3.1 documents.`,
    );
  }
  const { paths, components } = document;
  if (!isRecord(paths)) throw new SpecError(`${origin} has no "paths" object.`);
  if (!isRecord(components) || !isRecord(components['schemas'])) {
    throw new SpecError(`${origin} has no "components.schemas" object.`);
  }
  for (const [route, item] of Object.entries(paths)) {
    if (!isRecord(item)) throw new SpecError(`${origin}: paths["${route}"] is not an object.`);
  }
  return document as OpenApiDocument;
}
