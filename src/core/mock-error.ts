/**
 * What went wrong, as a stable code a program can branch on (the message is for people):
 * - `USAGE`: a command line the CLI cannot read;
 * - `OPTIONS_INVALID`: an option, config file or environment value that cannot be used;
 * - `SPEC_INVALID`: the OpenAPI document cannot be read or served;
 * - `FIXTURES_INVALID`: fixture files that break the contract or cannot be read;
 * - `LISTEN_FAILED`: the server cannot listen (the port is taken, say);
 * - `LIMIT_EXCEEDED`: run-time state would pass one of its limits;
 * - `ADMIN_REQUEST_FAILED`: the admin API refused a call of the admin client, or did not answer;
 * - `PROVIDER_UNREACHABLE`: `verify` got no answer from the provider it was pointed at.
 */
export const MOCK_ERROR_CODES = [
  'USAGE',
  'OPTIONS_INVALID',
  'SPEC_INVALID',
  'FIXTURES_INVALID',
  'LISTEN_FAILED',
  'LIMIT_EXCEEDED',
  'ADMIN_REQUEST_FAILED',
  'PROVIDER_UNREACHABLE',
] as const;
export type MockErrorCode = (typeof MOCK_ERROR_CODES)[number];

/**
 * The base of every error the mock raises on purpose; anything else that escapes is a defect of
 * the mock. `code` is stable across versions.
 */
export class MockError extends Error {
  override readonly name: string = 'MockError';

  constructor(
    readonly code: MockErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Whether the caller's input, not the mock, is at fault: the CLI exits 2 for these. */
export function isUsageProblem(error: MockError): boolean {
  switch (error.code) {
    case 'USAGE':
    case 'OPTIONS_INVALID':
    case 'PROVIDER_UNREACHABLE':
      return true;
    case 'SPEC_INVALID':
    case 'FIXTURES_INVALID':
    case 'LISTEN_FAILED':
    case 'LIMIT_EXCEEDED':
    case 'ADMIN_REQUEST_FAILED':
      return false;
    default:
      throw new Error(
        `Unknown error code "${String(error.code satisfies never)}"; expected one of ${MOCK_ERROR_CODES.join(', ')}.`,
      );
  }
}
