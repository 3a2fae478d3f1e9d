import { createServer } from 'node:http';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { SERVER_LIMITS } from '../core/limits.js';

function jsonError(status: number, reason: string, detail: string): string {
  const body = JSON.stringify({ detail });
  return `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}

/** Requests the parser refuses (bad syntax, huge headers) get a JSON error, not an empty reply. */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const response =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? jsonError(
          431,
          'Request Header Fields Too Large',
          `Request headers are larger than ${SERVER_LIMITS.parserHeaderBytes} bytes; send fewer or smaller headers.`,
        )
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? jsonError(408, 'Request Timeout', 'The request took too long to arrive.')
        : jsonError(400, 'Bad Request', 'The request is not valid HTTP/1.1.');
  socket.end(response);
}

/** An HTTP server for the app with bounded headers, timeouts and JSON answers to malformed requests. */
export function createHttpServer(listener: RequestListener): Server {
  const server = createServer(
    {
      maxHeaderSize: SERVER_LIMITS.parserHeaderBytes,
      requestTimeout: SERVER_LIMITS.requestTimeoutMs,
      // The app answers a missing Host in JSON rather than Node with an empty 400.
      requireHostHeader: false,
    },
    listener,
  );
  server.headersTimeout = SERVER_LIMITS.headersTimeoutMs;
  server.keepAliveTimeout = SERVER_LIMITS.keepAliveTimeoutMs;
  server.on('clientError', answerClientError);
  // Node answers these itself with empty bodies, or not at all; the mock answers in JSON.
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => {
    const body = JSON.stringify({
      detail: `Expect: ${String(req.headers.expect)} is not supported; send the request without it.`,
    });
    res
      .writeHead(417, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      })
      .end(body);
  });
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    socket.end(
      jsonError(405, 'Method Not Allowed', 'CONNECT is not supported: this is not a proxy.'),
    );
  });
  return server;
}
