import type { LoadedSpec } from './load-spec.js';
import { isSpecUrl, parseSpecText, readSpecFile } from './load-spec.js';
import { SpecError } from './spec-error.js';

/** The largest spec accepted from a URL. */
const MAX_SPEC_BYTES = 16 * 1024 * 1024;

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch() wraps the socket's error (ECONNREFUSED, ENOTFOUND...) in `cause`.
  const cause: unknown = error.cause;
  if (cause instanceof Error) return 'code' in cause ? String(cause.code) : cause.message;
  return error.message;
}

/**
 * Loads the spec from a running provider (`http://host:port/openapi.json`) with one GET, giving up
 * after `timeoutMs`. Redirects are followed; anything but a 200 with JSON is a {@link SpecError}
 * saying what to check.
 */
export async function fetchSpec(url: string, timeoutMs: number): Promise<LoadedSpec> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > MAX_SPEC_BYTES) throw new SpecError(`${url} sent ${declared} bytes`);
    text = await response.text();
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError')
      throw new SpecError(
        `Cannot load the spec from ${url}: no complete answer within ${timeoutMs} ms. Check that the provider is up, or raise --spec-timeout.`,
      );
    throw new SpecError(
      `Cannot load the spec from ${url}: ${reasonOf(error)}. Check that the provider is running at that address, or pass --spec <file>.`,
    );
  }
  if (response.status !== 200)
    throw new SpecError(
      `Cannot load the spec from ${url}: it answered ${response.status}, not 200. FastAPI serves its spec at /openapi.json unless openapi_url is changed; check the URL.`,
    );
  if (Buffer.byteLength(text) > MAX_SPEC_BYTES)
    throw new SpecError(`The spec at ${url} is larger than ${MAX_SPEC_BYTES} bytes.`);
  return parseSpecText(text, url, `The spec at ${url}`);
}

/** Loads the spec a `spec` option names: an http(s) URL ({@link fetchSpec}) or a file. */
export async function loadSpecSource(source: string, timeoutMs: number): Promise<LoadedSpec> {
  return isSpecUrl(source) ? fetchSpec(source, timeoutMs) : readSpecFile(source);
}
