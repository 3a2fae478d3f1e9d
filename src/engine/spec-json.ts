import type { LoadedSpec, OpenApiDocument } from '../contract/load-spec.js';
import { SpecError } from '../contract/spec-error.js';
import { isRecord } from '../core/is-record.js';
import { fastapiJson } from '../wire/fastapi-json.js';

/** The app's title, as FastAPI puts it in the docs pages' titles. */
export function specTitle(document: OpenApiDocument): string {
  const info = document['info'];
  const title = isRecord(info) ? info['title'] : undefined;
  return typeof title === 'string' ? title : '';
}

/**
 * The spec as FastAPI's `/openapi.json` sends it: its text re-encoded compactly, keys in the order
 * of the text (a spec saved from the provider is served byte for byte).
 */
export function specJson(spec: LoadedSpec): string {
  try {
    return fastapiJson(spec.text);
  } catch (error) {
    throw new SpecError(
      `${spec.origin} cannot be served as FastAPI would: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
