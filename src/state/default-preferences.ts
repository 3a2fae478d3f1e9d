import type { PreferencesDefinition } from '../generated/preferences.js';
import { LimitError } from './limit-error.js';

/**
 * The preferences a session's requests get when they do not ask themselves (set with
 * `PUT /__mock/preferences`), for browser apps that cannot send `Prefer`; the global ones (session
 * `null`) apply to every request. A request's own query and `Prefer` win, name by name.
 */
export class DefaultPreferences {
  readonly #bySession = new Map<string | null, PreferencesDefinition>();
  readonly #maxSessions: number;

  constructor(maxSessions: number) {
    this.#maxSessions = maxSessions;
  }

  get(session: string | null): PreferencesDefinition {
    return this.#bySession.get(session) ?? {};
  }

  /** Replaces a session's defaults; an empty object removes them. */
  set(session: string | null, preferences: PreferencesDefinition): void {
    if (Object.keys(preferences).length === 0) {
      this.#bySession.delete(session);
      return;
    }
    if (!this.#bySession.has(session) && this.#bySession.size >= this.#maxSessions)
      throw new LimitError(
        'count',
        `Default preferences are set for ${this.#maxSessions} sessions already (limits.sessions); remove some with DELETE /__mock/preferences or POST /__mock/reset.`,
      );
    this.#bySession.set(session, { ...preferences });
  }

  /** Forgets one session's defaults, or (with `undefined`) everyone's. */
  reset(session: string | null | undefined): void {
    if (session === undefined) this.#bySession.clear();
    else this.#bySession.delete(session);
  }

  /** What a request of `session` gets by default: its session's defaults, then the global ones. */
  forRequest(session: string | null): PreferencesDefinition {
    if (this.#bySession.size === 0) return {};
    return { ...this.get(null), ...(session === null ? {} : this.get(session)) };
  }
}
