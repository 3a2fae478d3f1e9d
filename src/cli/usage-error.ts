import { MockError } from '../core/mock-error.js';

/** A command line the CLI cannot read: the message, then the command's usage; exit 2. */
export class UsageError extends MockError {
  override readonly name = 'UsageError';

  constructor(message: string, options?: ErrorOptions) {
    super('USAGE', message, options);
  }
}
