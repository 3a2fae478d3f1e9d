import { MockError } from '../core/mock-error.js';

/** The server cannot listen (the port is taken, say). */
export class ListenError extends MockError {
  override readonly name = 'ListenError';

  constructor(message: string, options?: ErrorOptions) {
    super('LISTEN_FAILED', message, options);
  }
}
