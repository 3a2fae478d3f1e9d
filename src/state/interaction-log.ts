import type { AnswerSource } from '../core/answer.js';
import type { StateBudget } from './state-budget.js';
import { headersBytes, textBytes } from './state-size.js';

/**
 * One distinct interaction a consumer had with the mocked API, as the real provider would see it:
 * the request without the mock's own controls and with credentials replaced by placeholders, and
 * the answer's status, contract headers and body. The pact export is built from these.
 */
export interface RecordedInteraction {
  /**
   * What makes it distinct, request shape and outcome, in two parts: a string for the body (a
   * fixture's own, `generated` for every generated event) with the query's parameter names and an
   * unusual method, and a number for the status outcome, credentials, method and browser origin.
   */
  readonly shapeKey: string;
  readonly shapeCode: number;
  readonly method: string;
  /** The path as sent (not decoded), without the query. */
  readonly path: string;
  /** The query without the mock's controls (`__code`, ...), as sent; `''` for none. */
  readonly query: string;
  /** Request headers a provider reads (credentials as placeholders), by lower-case name. */
  readonly requestHeaders: Readonly<Record<string, string>>;
  /** How the request authenticated (a `CredentialKind`), or `null` when it never reached authentication. */
  readonly credential: string | null;
  readonly eventId: string | null;
  readonly status: number;
  /** Response headers that belong to the contract, by lower-case name. */
  readonly responseHeaders: Readonly<Record<string, string>>;
  /** Whether the body is a generated event (its values are the seed's, not the consumer's choice). */
  readonly generated: boolean;
  /** `undefined` when the body was larger than {@link MAX_INTERACTION_BODY} bytes. */
  readonly body: Buffer | undefined;
  readonly source: AnswerSource;
  /** The outcomes it met (catalog indices). */
  readonly outcomes: readonly number[];
  readonly session: string | null;
}

/** Distinct interactions kept per session (and for requests without one). */
export const MAX_INTERACTIONS = 200;
/** Larger bodies are not kept: their interaction is exported without a body. */
export const MAX_INTERACTION_BODY = 65_536;

const INTERACTION_BYTES = 512;
const BUFFER_BYTES = 160;

/** What an interaction costs on the heap, erring on the high side (strings at two bytes a character). */
function interactionBytes(interaction: RecordedInteraction): number {
  const { body, outcomes } = interaction;
  return (
    INTERACTION_BYTES +
    (body === undefined ? 0 : BUFFER_BYTES + body.length) +
    textBytes(interaction.shapeKey) +
    textBytes(interaction.method) +
    textBytes(interaction.path) +
    textBytes(interaction.query) +
    textBytes(interaction.eventId) +
    textBytes(interaction.session) +
    headersBytes(interaction.requestHeaders) +
    headersBytes(interaction.responseHeaders) +
    8 * outcomes.length
  );
}

/** One session's interactions: by shape (to find one) and in the order they came (to list them). */
interface Bucket {
  readonly shapes: Map<string, Map<number, RecordedInteraction>>;
  readonly order: RecordedInteraction[];
  /** Bytes taken from the state budget. */
  bytes: number;
}

/**
 * The distinct interactions of each session (and of requests without one), the first of each
 * kept: at most {@link MAX_INTERACTIONS} per session and `maxSessions` sessions (the oldest goes),
 * all within the interactions' part of the state budget: an interaction that finds it full is not
 * kept (counted in {@link dropped}), so what was recorded stays and memory stays bounded however
 * many requests come.
 */
export class InteractionLog {
  readonly #sessions = new Map<string | null, Bucket>();
  #dropped = 0;

  constructor(
    readonly maxSessions: number,
    readonly budget: StateBudget,
  ) {}

  /** Whether the session already has an interaction of this shape (then nothing needs building). */
  has(session: string | null, shapeKey: string, shapeCode: number): boolean {
    return this.#sessions.get(session)?.shapes.get(shapeKey)?.has(shapeCode) ?? false;
  }

  /** Keeps an interaction unless one of its shape is known, or the session or the budget is full. */
  add(interaction: RecordedInteraction): void {
    const { session, shapeKey, shapeCode } = interaction;
    const bucket = this.#sessions.get(session);
    if (bucket?.shapes.get(shapeKey)?.has(shapeCode)) return;
    if (bucket && bucket.order.length >= MAX_INTERACTIONS) {
      this.#dropped += 1;
      return;
    }
    if (!bucket && this.#sessions.size >= this.maxSessions) {
      const oldest = this.#sessions.keys().next();
      if (!oldest.done) this.clear(oldest.value);
    }
    const cost = interactionBytes(interaction);
    if (!this.budget.tryTake('interactions', cost)) {
      this.#dropped += 1;
      return;
    }
    const kept: Bucket = bucket ?? { shapes: new Map(), order: [], bytes: 0 };
    this.#sessions.set(session, kept);
    let codes = kept.shapes.get(shapeKey);
    if (!codes) {
      codes = new Map();
      kept.shapes.set(shapeKey, codes);
    }
    codes.set(shapeCode, interaction);
    kept.order.push(interaction);
    kept.bytes += cost;
  }

  /**
   * One session's interactions, or (without a session) every session's with duplicates across
   * sessions removed; first seen first.
   */
  list(session?: string | null): RecordedInteraction[] {
    if (session !== undefined) return [...(this.#sessions.get(session)?.order ?? [])];
    const merged = new Map<string, RecordedInteraction>();
    for (const { order } of this.#sessions.values())
      for (const interaction of order) {
        const key = `${interaction.shapeCode} ${interaction.shapeKey}`;
        if (!merged.has(key)) merged.set(key, interaction);
      }
    return [...merged.values()];
  }

  /**
   * Interactions not kept because their session already held {@link MAX_INTERACTIONS} or the
   * interactions' part of the state budget was full.
   */
  get dropped(): number {
    return this.#dropped;
  }

  /** Forgets one session's interactions (`null`: those without a session), or all. */
  clear(session?: string | null): void {
    if (session !== undefined) {
      const bucket = this.#sessions.get(session);
      if (!bucket) return;
      this.#sessions.delete(session);
      this.budget.give('interactions', bucket.bytes);
      return;
    }
    this.budget.give('interactions', this.bytes);
    this.#sessions.clear();
    this.#dropped = 0;
  }

  /** The bytes taken from the state budget. */
  get bytes(): number {
    let bytes = 0;
    for (const bucket of this.#sessions.values()) bytes += bucket.bytes;
    return bytes;
  }
}
