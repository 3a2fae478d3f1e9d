import type { ServerResponse } from 'node:http';
import type { Answer } from '../core/answer.js';

/** Writes a pipeline answer as it is: status, headers, exact body bytes (none for HEAD). */
export function sendAnswer(res: ServerResponse, response: Answer): void {
  res.writeHead(response.status, {
    ...response.headers,
    'content-length': String(response.body.length),
  });
  res.end(response.body);
}
