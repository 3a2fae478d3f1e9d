import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Answer } from '../core/answer.js';
import { DEFAULT_SLOW_BODY_MS } from '../core/fault.js';
import { sendAnswer } from './send-answer.js';

const SLOW_BODY_CHUNKS = 10;

function dribble(res: ServerResponse, response: Answer): void {
  const { body } = response;
  res.writeHead(response.status, { ...response.headers, 'content-length': String(body.length) });
  const chunks = Math.max(1, Math.min(SLOW_BODY_CHUNKS, body.length));
  const size = Math.ceil(body.length / chunks);
  const interval = (response.faultDurationMs ?? DEFAULT_SLOW_BODY_MS) / chunks;
  let sent = 0;
  const timer = setInterval(() => {
    const chunk = body.subarray(sent, sent + size);
    sent += chunk.length;
    if (sent >= body.length) {
      clearInterval(timer);
      res.end(chunk);
    } else {
      res.write(chunk);
    }
  }, interval);
  res.once('close', () => clearInterval(timer));
}

/** Writes the answer, breaking it on the wire as its fault says (WireMock's fault model). */
function writeNow(req: IncomingMessage, res: ServerResponse, response: Answer): void {
  switch (response.fault) {
    case undefined:
      sendAnswer(res, response);
      return;
    case 'connection-reset':
      req.socket.resetAndDestroy();
      return;
    case 'empty-response':
      req.socket.destroy();
      return;
    case 'malformed-body': {
      // A complete, well-framed HTTP answer whose JSON stops half way: clients fail to parse it.
      const cut = response.body.subarray(0, Math.max(1, Math.floor(response.body.length / 2)));
      sendAnswer(res, { ...response, body: cut });
      return;
    }
    case 'slow-body':
      dribble(res, response);
      return;
    default:
      throw new Error(`Unknown fault "${String(response.fault satisfies never)}".`);
  }
}

/** Writes an answer after its delay (if any); a client that goes away cancels the wait. */
export function writeAnswer(req: IncomingMessage, res: ServerResponse, response: Answer): void {
  if (!response.delayMs) {
    writeNow(req, res, response);
    return;
  }
  const timer = setTimeout(() => writeNow(req, res, response), response.delayMs);
  res.once('close', () => clearTimeout(timer));
}
