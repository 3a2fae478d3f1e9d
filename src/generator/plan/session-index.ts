import type { User } from '../cast/cast.js';
import type { Session } from './session.js';

/** Finds the sessions people had at a time, so that what they did lands inside one. */
export interface SessionIndex {
  /** The user's sessions, in order. */
  of(user: User): readonly Session[];
  /** The first session of any of `users` that starts at or after `after` (and before `before`). */
  firstAfter(users: readonly User[], after: number, before?: number): Session | null;
  /** The last session of any of `users` that ends at or before `before` (and after `after`). */
  lastBefore(users: readonly User[], before: number, after?: number): Session | null;
  /** Sessions of any of `users` that lie within [from, to). */
  within(users: readonly User[], from: number, to: number): Session[];
}

/** Binary search: the first index whose session starts at or after `at`. */
function firstStartingAt(sessions: readonly Session[], at: number): number {
  let low = 0;
  let high = sessions.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sessions[middle]?.start ?? Infinity) < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function createSessionIndex(sessions: readonly Session[]): SessionIndex {
  const byUser = new Map<User, Session[]>();
  for (const session of sessions) {
    const list = byUser.get(session.user) ?? [];
    list.push(session);
    byUser.set(session.user, list);
  }
  const of = (user: User): readonly Session[] => byUser.get(user) ?? [];
  return {
    of,
    firstAfter(users, after, before = Infinity) {
      let best: Session | null = null;
      for (const user of users) {
        const list = of(user);
        const found = list[firstStartingAt(list, after)];
        if (found && found.start < before && (best === null || found.start < best.start))
          best = found;
      }
      return best;
    },
    lastBefore(users, before, after = -Infinity) {
      let best: Session | null = null;
      for (const user of users) {
        const list = of(user);
        for (let i = firstStartingAt(list, before) - 1; i >= 0; i -= 1) {
          const found = list[i];
          if (!found || found.end > before) continue;
          if (found.start > after && (best === null || found.end > best.end)) best = found;
          break;
        }
      }
      return best;
    },
    within(users, from, to) {
      const found: Session[] = [];
      for (const user of users) {
        const list = of(user);
        for (let i = firstStartingAt(list, from); i < list.length; i += 1) {
          const session = list[i];
          if (!session || session.start >= to) break;
          if (session.end < to) found.push(session);
        }
      }
      return found.sort((a, b) => a.start - b.start || a.index - b.index);
    },
  };
}
