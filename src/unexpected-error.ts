import type { Mock } from './create-mock.js';
import { detailResponse } from './pipeline/mock-response.js';
import type { MockResponse } from './pipeline/mock-response.js';

/** The JSON 500 for an error the mock did not expect (its own defect), logged with its stack. */
export function unexpectedError(mock: Mock, path: string, error: unknown): MockResponse {
  const reason = error instanceof Error ? error.message : String(error);
  mock.options.logger.error('unexpected error in the mock', {
    path,
    error: error instanceof Error ? error.stack : reason,
  });
  return detailResponse(
    500,
    `Internal error in the mock (${reason}); this is a defect of the mock, please report it.`,
    'router',
  );
}
