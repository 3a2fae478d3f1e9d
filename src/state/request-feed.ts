import type { Answer } from '../core/answer.js';
import type { RecordedRequest } from './journal.js';

/** Someone watching requests as they are journaled (a live stream of the admin API). */
export interface FeedSubscriber {
  /** Called once per finished request, synchronously: keep it cheap, never throw. */
  readonly push: (entry: RecordedRequest, answer: Answer) => void;
  /** Called when the feed closes (the server stops): end the stream. */
  readonly end: () => void;
}

/**
 * Requests of the mocked API as they finish, for whoever subscribed. Holds nothing itself: an
 * entry is handed to the subscribers and forgotten, so a subscriber decides what it buffers (and
 * must bound it). Costs one size check per request while nobody listens.
 */
export class RequestFeed {
  readonly #subscribers = new Set<FeedSubscriber>();
  #closed = false;

  /** How many subscribers there are now. */
  get size(): number {
    return this.#subscribers.size;
  }

  /** `true` once the server is stopping: no new subscribers. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Adds a subscriber; returns the function that removes it.
   * @throws Error when the feed is closed (the server is stopping)
   */
  subscribe(subscriber: FeedSubscriber): () => void {
    if (this.#closed) throw new Error('The request feed is closed: the server is stopping.');
    this.#subscribers.add(subscriber);
    return () => {
      this.#subscribers.delete(subscriber);
    };
  }

  /** Hands a finished request to every subscriber. */
  publish(entry: RecordedRequest, answer: Answer): void {
    if (this.#subscribers.size === 0) return;
    for (const subscriber of [...this.#subscribers]) subscriber.push(entry, answer);
  }

  /** Ends every subscriber and refuses new ones: the server is stopping. */
  close(): void {
    this.#closed = true;
    const subscribers = [...this.#subscribers];
    this.#subscribers.clear();
    for (const subscriber of subscribers) subscriber.end();
  }
}
