import type { Request, Response, Router } from 'express';
import type { Answer } from '../core/answer.js';
import type { Violation } from '../core/violation.js';
import type { Engine } from '../engine/engine.js';
import type { JournalEntry, RecordedRequest } from '../state/journal.js';
import { redactHeaders } from '../state/journal.js';
import { sendDetail, sessionOf } from './admin-http.js';

/** Bounds of the live request streams, so watchers cannot grow the mock's memory. */
export const STREAM_LIMITS = {
  /** Open streams at once; one more is refused with 429. */
  maxStreams: 16,
  /** Bytes written to a stream and not yet taken by its client; past this the stream is closed. */
  maxBufferedBytes: 1024 * 1024,
  /** Characters of an answer's body sent with it; the rest is cut (`truncated: true`). */
  maxBodyChars: 64 * 1024,
  /** Entries of the journal a new stream starts with. */
  backlog: 200,
  /** A comment line this often, so proxies and clients see the stream is alive. */
  heartbeatMs: 15_000,
} as const;

/** What a stream says of an answer: the body as text (cut when long) and the contract check. */
export interface LiveResponse {
  readonly contentType: string | null;
  readonly body: string;
  readonly truncated: boolean;
  readonly violations: readonly Violation[];
}

/** One `request` event of the stream: a journal entry and, for requests seen live, the answer. */
export interface LiveRequest {
  readonly entry: JournalEntry;
  /** `null` for entries of the backlog: the journal does not keep answers' bodies. */
  readonly response: LiveResponse | null;
}

function describeResponse(answer: Answer): LiveResponse {
  const text = answer.body.toString('utf8');
  return {
    contentType: answer.headers['content-type'] ?? null,
    body: text.slice(0, STREAM_LIMITS.maxBodyChars),
    truncated: text.length > STREAM_LIMITS.maxBodyChars,
    violations: answer.violations ?? [],
  };
}

function sseEvent(live: LiveRequest): string {
  return `id: ${live.entry.seq}\nevent: request\ndata: ${JSON.stringify(live)}\n\n`;
}

/** Which requests a stream shows: `?all=true` every session's, else one session's. */
function streamScope(
  req: Request,
): { all: true } | { all: false; session: string | null } | undefined {
  const query = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
  const all = query.get('all');
  if (all !== null && all !== 'true' && all !== 'false') return undefined;
  if (all === 'true') return { all: true };
  return { all: false, session: query.get('session') ?? sessionOf(req) };
}

function openStream(
  engine: Engine,
  req: Request,
  res: Response,
  inScope: (session: string | null) => boolean,
): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
  });
  // Tells EventSource-like clients to reconnect after 2 s when the stream ends.
  res.write('retry: 2000\n\n');
  const backlog = engine.state.journal.recent(STREAM_LIMITS.backlog, inScope).reverse();
  for (const entry of backlog) res.write(sseEvent({ entry, response: null }));
  const send = (text: string) => {
    const buffered = res.writableLength;
    // A client that stopped reading is cut off rather than buffered for: it reconnects and
    // starts again from the journal.
    if (buffered > STREAM_LIMITS.maxBufferedBytes) {
      stop();
      res.destroy();
      engine.logger.info?.('closed a live request stream whose client stopped reading', {
        bufferedBytes: buffered,
      });
    } else res.write(text);
  };
  const heartbeat = setInterval(() => send(': alive\n\n'), STREAM_LIMITS.heartbeatMs).unref();
  const unsubscribe = engine.state.feed.subscribe({
    push: (recorded: RecordedRequest, answer: Answer) => {
      if (!inScope(recorded.session)) return;
      const entry = { ...recorded, headers: redactHeaders(recorded.headers) };
      send(sseEvent({ entry, response: describeResponse(answer) }));
    },
    end: () => {
      clearInterval(heartbeat);
      res.end();
    },
  });
  function stop(): void {
    clearInterval(heartbeat);
    unsubscribe();
  }
  res.once('close', stop);
}

/**
 * `GET /__mock/requests/stream`: server-sent events, one `request` event per request of the
 * mocked API as it finishes (the journal entry and the answer), after the newest entries already
 * journaled. The calling session's requests (`?session=` picks another), or `?all=true` every one.
 */
export function routeRequestStream(router: Router, engine: Engine): void {
  router.get('/requests/stream', (req, res) => {
    const scope = streamScope(req);
    if (scope === undefined) {
      sendDetail(res, 400, 'all must be true or false.');
      return;
    }
    if (engine.state.feed.closed) {
      sendDetail(res, 503, 'The mock is stopping; start it again to watch its requests.');
      return;
    }
    if (engine.state.feed.size >= STREAM_LIMITS.maxStreams) {
      sendDetail(
        res,
        429,
        `${STREAM_LIMITS.maxStreams} live request streams are open already; close one (a dashboard tab) and try again.`,
      );
      return;
    }
    openStream(engine, req, res, (session) => scope.all || session === scope.session);
  });
}
