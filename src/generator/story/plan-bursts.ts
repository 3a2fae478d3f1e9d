import type { ApiKey, Node, User } from '../cast/cast.js';
import type { KeyLife } from '../plan/key-timelines.js';
import type { Random } from '../random.js';
import { dayStart, HOUR, SECOND, WORLD_DAYS } from '../time.js';
import type { Beat } from './beat.js';
import { beat, keyActor, service } from './beat.js';
import type { Story } from './story.js';

const LOCK_AFTER = 5;
const LOCK_S = 900;

function someInstant(random: Random): number {
  return (
    dayStart(random.int(1, WORLD_DAYS - 3)) +
    random.int(0, 86_399) * SECOND +
    random.int(0, 999_999)
  );
}

/** Someone tries passwords against one account from a script; the fifth failure locks it. */
function loginBurst(random: Random, user: User, nextAddress: () => string): Beat[] {
  const client = { source: 'api', ip: nextAddress(), agent: 'python-requests/2.31.0' } as const;
  const actor = { type: 'user', user, client, session: null } as const;
  const asUser = { resource: 'user', resourceId: String(user.id) } as const;
  const beats: Beat[] = [];
  let at = someInstant(random);
  const tries = random.int(LOCK_AFTER + 1, 14);
  for (let n = 1; n <= tries; n += 1) {
    at += random.int(2, 20) * SECOND + random.int(0, 999_999);
    const locked = n > LOCK_AFTER;
    beats.push(
      beat({
        at,
        actor,
        ...asUser,
        type: 'auth.login_failed',
        status: 'denied',
        code: locked ? 403 : 401,
        payload: { method: 'password', failed_attempts: n },
        message: locked
          ? 'Account is locked; try again in 15 minutes'
          : 'Invalid username or password',
      }),
    );
    if (n === LOCK_AFTER)
      beats.push(
        beat({
          at: at + random.int(50, 400) * 1000,
          type: 'auth.account_locked',
          status: 'denied',
          actor: { type: 'system', id: 'system', source: 'worker' },
          ...asUser,
          payload: { failed_attempts: LOCK_AFTER, locked_for_s: LOCK_S },
          message: `Too many failed login attempts (${LOCK_AFTER} in 15 minutes)`,
        }),
      );
  }
  return beats;
}

/** An automation polls too fast and is throttled for a minute. */
function rateBurst(random: Random, key: ApiKey, life: KeyLife): Beat[] {
  const route =
    key.name === 'grafana-reader'
      ? ({ method: 'GET', path: '/v1/audit/events', success: 200 } as const)
      : ({ method: 'GET', path: '/v1/tasks', success: 200 } as const);
  let at = someInstant(random);
  if (at <= life.from || at + HOUR >= life.to) return [];
  const beats: Beat[] = [];
  for (let n = random.int(5, 40); n > 0; n -= 1) {
    at += random.int(20, 2500) * 1000;
    beats.push(
      beat({
        at,
        type: 'access.rate_limited',
        status: 'denied',
        actor: keyActor(key),
        code: 429,
        route,
        payload: { limit: 600, window_s: 60, retry_after_s: random.int(1, 60) },
        message: 'Rate limit exceeded: 600 requests per minute',
      }),
    );
  }
  return beats;
}

function diskPressure(random: Random, node: Node): Beat[] {
  const used = random.int(91, 99);
  return [
    beat({
      at: someInstant(random),
      type: 'node.disk_pressure',
      status: 'error',
      actor: service('node-agent'),
      resource: 'node',
      resourceId: node.name,
      node,
      payload: { volume: '/', used_percent: used, threshold_percent: 90 },
      message: `Root volume at ${used}% (threshold 90%)`,
    }),
  ];
}

export interface BurstContext {
  readonly random: Random;
  readonly users: readonly User[];
  readonly nodes: readonly Node[];
  readonly keys: readonly { readonly key: ApiKey; readonly life: KeyLife }[];
  readonly nextAddress: () => string;
}

/** Failed-login bursts, throttled automations and full disks, each a short story of its own. */
export function planBursts(context: BurstContext): Story[] {
  const { random } = context;
  const stories: Story[] = [];
  const add = (about: string, beats: Beat[]) => {
    if (beats.length > 0) stories.push({ kind: 'timeline', about, beats });
  };
  const staying = context.users.filter((user) => user.joinsAt === null && user.leavesAt === null);
  for (let n = random.int(4, 8); n > 0; n -= 1)
    add('failed-login burst', loginBurst(random, random.pick(staying), context.nextAddress));
  const polling = context.keys.filter(
    ({ key }) => key.name === 'grafana-reader' || key.name === 'ci-deploy',
  );
  for (let n = polling.length > 0 ? random.int(60, 100) : 0; n > 0; n -= 1) {
    const { key, life } = random.pick(polling);
    add('rate limited', rateBurst(random, key, life));
  }
  for (let n = random.int(4, 8); n > 0; n -= 1)
    add('disk pressure', diskPressure(random, random.pick(context.nodes)));
  return stories;
}

/** Dashboards read audit events around the clock, one story per key and day. */
export function planReads(
  random: Random,
  keys: readonly { key: ApiKey; life: KeyLife }[],
): Story[] {
  const stories: Story[] = [];
  for (const { key, life } of keys) {
    if (key.name !== 'grafana-reader') continue;
    for (let day = 0; day < WORLD_DAYS - 1; day += 1) {
      const times = Array.from(
        { length: random.poisson(30) },
        () => dayStart(day) + random.int(0, 86_399_999_999),
      )
        .filter((at) => at > life.from && at < life.to)
        .sort((a, b) => a - b);
      if (times.length > 0) stories.push({ kind: 'reads', key, times });
    }
  }
  return stories;
}
