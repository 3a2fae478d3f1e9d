import type { Client, User } from '../cast/cast.js';
import type { Random } from '../random.js';
import { dayStart, HOUR, isWeekend, MINUTE, SECOND, WORLD_DAYS, WORLD_END } from '../time.js';
import type { Session } from './session.js';

/** An idle session expires after this long. */
export const IDLE_TIMEOUT = 30 * MINUTE;
/** A session lasts at most this long (the token refresh limit). */
export const MAX_SESSION = 8 * HOUR;
// Nothing starts so close to the world's end that its story would run past it.
const LAST_START = WORLD_END - MAX_SESSION - IDLE_TIMEOUT - HOUR;

function client(random: Random, user: User): Client {
  if (user.cli !== null && random.chance(0.3)) return user.cli;
  const [first, second] = user.browsers;
  if (second !== undefined && random.chance(0.3)) return second;
  return first ?? second ?? { source: 'web', ip: '', agent: '' };
}

function sessionsOfDay(random: Random, user: User, day: number): number {
  const mean = isWeekend(day) ? user.activity * 0.06 : user.activity;
  return Math.min(4, random.poisson(mean));
}

function present(user: User, at: number): boolean {
  return (
    (user.joinsAt === null || at > user.joinsAt) && (user.leavesAt === null || at < user.leavesAt)
  );
}

/** One user's sessions over the world, one after another, mostly in their working hours. */
export function userSessions(random: Random, user: User, into: Session[]): void {
  let free = 0;
  for (let day = 0; day < WORLD_DAYS; day += 1) {
    const count = sessionsOfDay(random, user, day);
    const starts = Array.from(
      { length: count },
      () => dayStart(day) + (user.firstHour + random.next() * 9) * HOUR,
    ).sort((a, b) => a - b);
    for (const wanted of starts) {
      const start = Math.max(wanted, free) + random.int(0, 59) * SECOND;
      const length = Math.min(
        MAX_SESSION,
        Math.max(4 * MINUTE, random.logNormal(45, 0.9) * MINUTE),
      );
      const end = Math.round(start + length);
      if (start > LAST_START || !present(user, start) || !present(user, end + IDLE_TIMEOUT))
        continue;
      const chosen = client(random, user);
      const ending = random.chance(chosen.source === 'web' ? 0.55 : 0.35) ? 'logout' : 'expiry';
      into.push({
        index: 0,
        id: random.uuid(),
        user,
        client: chosen,
        start: Math.round(start),
        end,
        ending,
      });
      free = end + IDLE_TIMEOUT + 5 * MINUTE;
    }
  }
}

/** Puts sessions in order of their start; `index` becomes the position in that order. */
export function inOrder(sessions: readonly Session[]): Session[] {
  const sorted = [...sessions].sort((a, b) => a.start - b.start || a.user.index - b.user.index);
  return sorted.map((session, index) => ({ ...session, index }));
}

/** Every session of the world, in order of their start. */
export function planSessions(random: Random, users: readonly User[]): Session[] {
  const sessions: Session[] = [];
  for (const user of users) userSessions(random, user, sessions);
  return inOrder(sessions);
}
