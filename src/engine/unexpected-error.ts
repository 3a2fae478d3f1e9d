import type { Engine } from './engine.js';
import { detailAnswer } from '../core/answer.js';
import type { Answer } from '../core/answer.js';

/** The JSON 500 for an error the mock did not expect (its own defect), logged with its stack. */
export function unexpectedError(engine: Engine, path: string, error: unknown): Answer {
  const reason = error instanceof Error ? error.message : String(error);
  engine.logger.error('unexpected error in the mock', {
    path,
    error: error instanceof Error ? error.stack : reason,
  });
  return detailAnswer(
    500,
    `Internal error in the mock (${reason}); this is a defect of the mock, please report it.`,
    'router',
  );
}
