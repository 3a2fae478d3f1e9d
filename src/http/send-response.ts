import type { ServerResponse } from 'node:http';
import type { MockResponse } from '../pipeline/mock-response.js';

/** Writes a pipeline answer as it is: status, headers, exact body bytes (none for HEAD). */
export function sendResponse(res: ServerResponse, response: MockResponse): void {
  res.writeHead(response.status, {
    ...response.headers,
    'content-length': String(response.body.length),
  });
  res.end(response.body);
}
