/** Raised when the server cannot listen (the port is taken, say). */
export class ListenError extends Error {
  override readonly name = 'ListenError';
}
