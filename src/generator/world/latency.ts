import type { EventType, HttpMethod } from '../event-types.js';
import type { Random } from '../random.js';

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** Checking a password takes the same time whether it is right or wrong (a slow hash). */
const PASSWORD_CHECKS: ReadonlySet<EventType> = new Set([
  'auth.login_succeeded',
  'auth.login_failed',
]);

function milliseconds(random: Random, type: EventType, method: HttpMethod, code: number): number {
  if (code === 429) return clamp(random.logNormal(2.5, 0.4), 1, 5);
  // Refused before any work is done: authentication and permission checks come first.
  if (code === 401 || code === 403)
    return PASSWORD_CHECKS.has(type) && code === 401
      ? clamp(random.logNormal(230, 0.25), 150, 350)
      : clamp(random.logNormal(6, 0.5), 2, 15);
  if (PASSWORD_CHECKS.has(type)) return clamp(random.logNormal(230, 0.25), 150, 350);
  if (code === 503) return clamp(random.logNormal(8, 0.6), 2, 60);
  if (code >= 500) return clamp(random.logNormal(150, 0.7), 20, 5_000);
  const typical = random.logNormal(method === 'GET' ? 25 : 80, 0.6);
  // A long tail: a few requests wait on a cold cache, a lock or a slow disk.
  const slow = random.chance(0.02) ? random.logNormal(12, 0.5) : 1;
  return clamp(typical * slow, 1, 20_000);
}

/**
 * How long the provider took to answer, in milliseconds: by outcome and method; a request that
 * timed out took at least its limit (`waitedS`).
 */
export function latencyMs(
  random: Random,
  type: EventType,
  method: HttpMethod,
  code: number,
  waitedS: number | null,
): number {
  const ms =
    waitedS === null
      ? milliseconds(random, type, method, code)
      : waitedS * 1000 + clamp(random.logNormal(12, 0.5), 1, 200);
  return Math.round(ms * 100) / 100;
}
