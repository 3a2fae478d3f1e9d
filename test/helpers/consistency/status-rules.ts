import type { Rule } from './rule.js';
import { HTTP_SOURCES, perEvent } from './rule.js';

const FAILURE_NAMED =
  /\.(?:\w+_failed|rejected|crashed|unreachable|timed_out|heartbeat_missed|permission_denied|rate_limited|account_locked|disk_pressure)$/;
/** What the platform reports as done: these name a fact, so they are successes. */
const PLATFORM_FACTS =
  /^(?:task\.(?:queued|scheduled|started|retried)|worker\.(?:registered|draining|deregistered)|node\.(?:joined|cordoned|left)|vm\.(?:migrated|restarted|snapshot_created)|session\.expired)$/;

export const statusFollowsName: Rule = perEvent(
  'status-follows-name',
  'A `*succeeded` type (`task.succeeded`, `auth.login_succeeded`) is a success and a failure-named type never is; what the platform reports ' +
    'as done (queued, registered, migrated, ...) is a success; `denied` needs a request (HTTP ' +
    'source) except `auth.account_locked`, which the system records when it denies an account; ' +
    '`api_key.rejected` is caused by a key over the API or CLI. Exception: actions people start ' +
    'over HTTP with a neutral name (`vm.resized`, `task.submitted`, ...) may fail: the audit log ' +
    'records the attempt with its outcome, as CloudTrail does.',
  (event) => {
    const type = event.event_type;
    const fromHttp = HTTP_SOURCES.has(event.source);
    if (/[._]succeeded$/.test(type) && event.status !== 'success')
      return 'a success-named type that did not succeed';
    if (FAILURE_NAMED.test(type) && event.status === 'success')
      return 'a failure-named type that succeeded';
    if (!fromHttp && PLATFORM_FACTS.test(type) && event.status !== 'success')
      return 'a platform fact that is not a success';
    if (event.status === 'denied' && !fromHttp && type !== 'auth.account_locked')
      return 'denied without a request';
    if (
      type === 'api_key.rejected' &&
      (event.actor_type !== 'api_key' || !['api', 'cli'].includes(event.source))
    )
      return `rejected key used by a ${event.actor_type} on ${event.source}`;
    return null;
  },
);

const HTTP_FIELDS = [
  'request_id',
  'http_method',
  'path',
  'http_status',
  'latency_ms',
  'ip_address',
  'user_agent',
] as const;

export const httpFieldsFollowSource: Rule = perEvent(
  'http-fields-follow-source',
  'Events from web, api or cli set all seven request fields and are caused by a user or an API key; ' +
    'scheduler and worker events set none and are caused by a service or the system.',
  (event) => {
    const fromHttp = HTTP_SOURCES.has(event.source);
    const missing = HTTP_FIELDS.filter((field) => (event[field] !== null) !== fromHttp);
    if (missing.length > 0) return `${fromHttp ? 'missing' : 'unexpected'} ${missing.join(', ')}`;
    const byPeople = event.actor_type === 'user' || event.actor_type === 'api_key';
    return byPeople === fromHttp ? null : `a ${event.actor_type} on ${event.source}`;
  },
);

const CODES: Readonly<Record<string, readonly number[]>> = {
  success: [200, 201, 202, 204],
  failure: [400, 404, 409, 422],
  denied: [401, 403, 429],
  error: [500, 502, 503, 504],
};
const CODE_OF_TYPE: Readonly<Record<string, number>> = {
  'access.rate_limited': 429,
  'access.permission_denied': 403,
  'api_key.rejected': 401,
  'auth.mfa_challenge_failed': 401,
};

export const codeFollowsStatus: Rule = perEvent(
  'code-follows-status',
  'http_status follows status (success 200/201/202/204, failure 400/404/409/422, denied 401/403/429, ' +
    'error 500/502/503/504); a GET succeeds with 200, a DELETE with 204; rate limits are 429, ' +
    'permission checks 403, rejected keys and one-time codes 401.',
  (event) => {
    if (event.http_status === null) return undefined;
    const code = event.http_status;
    if (!(CODES[event.status] ?? []).includes(code)) return `${code} for ${event.status}`;
    if (event.status === 'success' && event.http_method === 'GET' && code !== 200)
      return `GET answered ${code}`;
    if (event.status === 'success' && event.http_method === 'DELETE' && code !== 204)
      return `DELETE answered ${code}`;
    const expected = CODE_OF_TYPE[event.event_type];
    return expected === undefined || expected === code ? null : `${code}, expected ${expected}`;
  },
);
