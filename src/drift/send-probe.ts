import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Probe } from './probe-set.js';

/** What the provider answered to a probe. */
export interface ProviderAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** The most of a body read; more is cut (the spec of this one operation is far smaller). */
const MAX_BODY = 16 * 1024 * 1024;

/**
 * Sends one probe to the provider at `base` (`http://host:port`) on a connection of its own, follows
 * no redirect (the 307 is what is compared) and gives up after `timeoutMs`.
 */
export function sendProbe(base: URL, probe: Probe, timeoutMs: number): Promise<ProviderAnswer> {
  const url = new URL(probe.path, base);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      { method: probe.method, headers: probe.headers, agent: false, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_BODY) chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}
