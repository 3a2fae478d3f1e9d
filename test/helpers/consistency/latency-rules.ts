import type { Rule } from './rule.js';
import { perEvent } from './rule.js';

const LIMIT = /(?:within|after) (\d+)s/;

export const latencyFitsOutcome: Rule = perEvent(
  'latency-fits-outcome',
  'latency_ms is positive; a timeout (504, or a message that names the limit it waited for) took at ' +
    'least that limit; a 429 is refused within 5 ms and a 401 or 403 that checks no password within ' +
    '15 ms; a password check (login) takes 150 to 350 ms whatever its outcome.',
  (event) => {
    const ms = event.latency_ms;
    if (ms === null) return undefined;
    if (!(ms > 0)) return `latency ${ms}`;
    const limit = LIMIT.exec(event.error_message ?? '');
    if (event.http_status === 504 && !limit) return 'a 504 that names no limit';
    if (limit) return ms >= Number(limit[1]) * 1000 ? null : `${ms} ms for a ${limit[1]}s timeout`;
    const login =
      event.event_type === 'auth.login_succeeded' ||
      (event.event_type === 'auth.login_failed' && event.http_status !== 403);
    if (login) return ms >= 150 && ms <= 350 ? null : `${ms} ms for a password check`;
    if (event.http_status === 429) return ms <= 5 ? null : `${ms} ms for a rate limit`;
    if (event.http_status === 401 || event.http_status === 403)
      return ms <= 15 ? null : `${ms} ms for an early refusal`;
    return null;
  },
);
