import { createServer, ServerResponse } from 'node:http';
import type {
  IncomingMessage,
  OutgoingHttpHeader,
  OutgoingHttpHeaders,
  RequestListener,
  Server,
} from 'node:http';
import type { Duplex } from 'node:stream';
import { MAX_HEADER_COUNT, MAX_URL_LENGTH, SERVER_LIMITS } from '../core/limits.js';
import type { ParserError } from './parser-overflow.js';
import { overflowInRequestLine } from './parser-overflow.js';

function jsonError(status: number, reason: string, detail: string): string {
  const body = JSON.stringify({ detail });
  return `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}

function overflowAnswer(error: ParserError): string {
  const limit = SERVER_LIMITS.parserHeaderBytes;
  if (overflowInRequestLine(error))
    return jsonError(
      414,
      'URI Too Long',
      `The request line is longer than ${limit} bytes; URLs over ${MAX_URL_LENGTH} characters are not served.`,
    );
  return jsonError(
    431,
    'Request Header Fields Too Large',
    `The request line and headers are larger than ${limit} bytes; send fewer or smaller headers (and a URL of at most ${MAX_URL_LENGTH} characters).`,
  );
}

/** Requests the parser refuses (bad syntax, huge headers) get a JSON error, not an empty reply. */
function answerClientError(error: Error & ParserError, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const response =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? overflowAnswer(error)
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? jsonError(408, 'Request Timeout', 'The request took too long to arrive.')
        : jsonError(400, 'Bad Request', 'The request is not valid HTTP/1.1.');
  socket.end(response);
}

type Headers = OutgoingHttpHeaders | OutgoingHttpHeader[];
type DrainState = { draining: boolean };

const DRAIN_STATES = new WeakMap<Server, DrainState>();

/**
 * From now on every answer of `server` (a {@link createHttpServer}) says `Connection: close`,
 * those of requests already in flight included, so no client sends another request on a
 * connection that is about to close.
 */
export function startDraining(server: Server): void {
  const state = DRAIN_STATES.get(server);
  if (state) state.draining = true;
}

/** Responses that say `Connection: close` once their server drains, whenever they were started. */
function responseClass(state: DrainState): typeof ServerResponse {
  return class DrainableResponse<
    Request extends IncomingMessage = IncomingMessage,
  > extends ServerResponse<Request> {
    override writeHead(status: number, reason?: string | Headers, headers?: Headers): this {
      if (state.draining) this.setHeader('connection', 'close');
      return typeof reason === 'string'
        ? super.writeHead(status, reason, headers)
        : super.writeHead(status, reason);
    }
  };
}

/**
 * An HTTP server for the app with bounded headers, timeouts that fire on time and JSON answers to
 * malformed requests.
 */
export function createHttpServer(listener: RequestListener): Server {
  const state = { draining: false };
  const server = createServer(
    {
      maxHeaderSize: SERVER_LIMITS.parserHeaderBytes,
      requestTimeout: SERVER_LIMITS.requestTimeoutMs,
      // Node checks its timeouts every 30 s by default, so they fired up to 30 s late.
      connectionsCheckingInterval: SERVER_LIMITS.timeoutCheckMs,
      // The app answers a missing Host in JSON rather than Node with an empty 400.
      requireHostHeader: false,
      ServerResponse: responseClass(state),
    },
    listener,
  );
  // Node keeps this many header fields and drops the rest unseen: one more than allowed means a
  // request with too many is always counted (and refused), never passed on short of some.
  server.maxHeadersCount = MAX_HEADER_COUNT + 1;
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
  DRAIN_STATES.set(server, state);
  return server;
}
