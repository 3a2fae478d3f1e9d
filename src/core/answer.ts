import type { Violation } from './violation.js';
import type { Fault } from './fault.js';

/** Where an answer came from; reported in logs and the request journal. */
export type AnswerSource =
  | 'fixture'
  | 'generated'
  | 'forced'
  | 'response-fixture'
  | 'scenario'
  | 'chaos'
  | 'router'
  | 'provider-route'
  | 'cors'
  | 'auth'
  | 'preferences'
  | 'contract-violation';

/** A complete answer, ready to be written to the socket by the HTTP adapter. */
export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly source: AnswerSource;
  /** Set when the mock caught itself about to break the contract (a defect of the mock). */
  readonly violations?: readonly Violation[];
  /** `false` for answers that never carry CORS headers (Starlette's own 500). */
  readonly cors?: false;
  /** Wait this long before answering. */
  readonly delayMs?: number;
  /** Break the answer on the wire this way. */
  readonly fault?: Fault;
  /** For `slow-body`: how long to dribble the body out. */
  readonly faultDurationMs?: number;
  /** The scenario that chose this answer. */
  readonly scenario?: string;
  /**
   * The outcomes (indices into the contract's outcome catalog) its body covers, when they were
   * worked out as it was built; otherwise they are read from the body once per body buffer.
   */
  readonly covers?: readonly number[];
}

export const JSON_CONTENT_TYPE = 'application/json';
export const TEXT_CONTENT_TYPE = 'text/plain; charset=utf-8';

/** A `{"detail": ...}` answer in the provider's JSON shape. */
export function detailAnswer(
  status: number,
  detail: unknown,
  source: AnswerSource,
  headers: Readonly<Record<string, string>> = {},
): Answer {
  return {
    status,
    headers: { 'content-type': JSON_CONTENT_TYPE, ...headers },
    body: Buffer.from(JSON.stringify({ detail })),
    source,
  };
}
