import { MockError } from '../core/mock-error.js';

/** The spec cannot be read, or is not an OpenAPI 3.1 document the mock can serve. */
export class SpecError extends MockError {
  override readonly name = 'SpecError';

  constructor(message: string, options?: ErrorOptions) {
    super('SPEC_INVALID', message, options);
  }
}
