import type { Agent, IncomingHttpHeaders } from 'node:http';
import { request } from 'node:http';

/** An answer read to its end. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * `GET url` with node:http (not fetch), so a test controls the connection: `agent: false` (the
 * default here) opens a fresh one; pass a keep-alive agent to keep it. `sent` resolves once the
 * request is written to the socket.
 */
export function httpGet(
  url: string,
  headers: Readonly<Record<string, string>> = {},
  agent: Agent | false = false,
): { sent: Promise<void>; answer: Promise<HttpAnswer> } {
  let markSent: () => void = () => undefined;
  const sent = new Promise<void>((resolve) => (markSent = resolve));
  const answer = new Promise<HttpAnswer>((resolve, reject) => {
    const req = request(url, { headers, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.on('finish', markSent);
    req.end();
  });
  return { sent, answer };
}
