import type { Client, User } from '../cast/cast.js';
import type { Random } from '../random.js';
import { SECOND } from '../time.js';

/** How a session ends: the user logs out, or it expires after {@link IDLE_TIMEOUT} without use. */
export type SessionEnding = 'logout' | 'expiry';

/** One login of one user on one client, from the successful login to the last request. */
export interface Session {
  readonly index: number;
  readonly id: string;
  readonly user: User;
  readonly client: Client;
  /** The successful login. */
  readonly start: number;
  /** The last request: the logout, or the last action before the session went idle. */
  readonly end: number;
  readonly ending: SessionEnding;
}

/** A moment inside the session, after its login and before its last request. */
export function momentIn(random: Random, session: Session): number {
  const length = session.end - session.start;
  const margin = Math.min(30 * SECOND, length / 4);
  return Math.round(session.start + margin + random.next() * (length - 2 * margin));
}
