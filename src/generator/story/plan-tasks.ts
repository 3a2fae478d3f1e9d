import type { ApiKey } from '../cast/cast.js';
import type { KeyLife } from '../plan/key-timelines.js';
import type { RoleBook } from '../plan/roles.js';
import type { Session } from '../plan/session.js';
import { momentIn } from '../plan/session.js';
import type { Random } from '../random.js';
import { dayStart, HOUR, isWeekend, MINUTE, SECOND, WORLD_DAYS, WORLD_END } from '../time.js';
import type { AttemptEnd, Submitter, TaskKind, TaskPlan } from './task-plan.js';
import { longestChain, TASK_PROFILES } from './task-plan.js';

/** How attempts end, by kind: builds break most often, reports hardly ever. */
const ODDS: Readonly<
  Record<TaskKind, Readonly<Record<Exclude<AttemptEnd, 'lost' | 'cancelled'>, number>>>
> = {
  'image.build': { succeeded: 72, exited: 20, oom: 4, timed_out: 4 },
  'etl.nightly': { succeeded: 78, exited: 12, oom: 6, timed_out: 4 },
  backup: { succeeded: 88, exited: 6, oom: 2, timed_out: 4 },
  'db.vacuum': { succeeded: 86, exited: 6, oom: 4, timed_out: 4 },
  'report.render': { succeeded: 90, exited: 6, oom: 3, timed_out: 1 },
};

/** The ends of a task's attempts: it is retried after each failure until it has none left. */
export function drawAttempts(random: Random, kind: TaskKind, first?: AttemptEnd): AttemptEnd[] {
  const { maxAttempts } = TASK_PROFILES[kind];
  const ends: AttemptEnd[] = [];
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const end = attempt === 1 && first !== undefined ? first : random.weighted(ODDS[kind]);
    ends.push(end);
    if (end === 'succeeded' || end === 'cancelled') break;
  }
  return ends;
}

interface Planner {
  readonly random: Random;
  readonly into: TaskPlan[];
}

function add(planner: Planner, submitter: Submitter, kind: TaskKind, project: string, at: number) {
  if (at + longestChain(kind) >= WORLD_END) return;
  // A CI job now and then sends a request the API refuses (a missing field after a pipeline change).
  const refused = kind === 'image.build' && planner.random.chance(0.04);
  const attempts = refused ? [] : drawAttempts(planner.random, kind);
  planner.into.push({ submitter, kind, project, at, attempts });
}

/** The scheduler's own jobs: nightly ETL, weekly vacuum, reports every six hours. */
function scheduled(planner: Planner, projects: readonly string[]): void {
  const { random } = planner;
  const schedule = { type: 'schedule' } as const;
  const reporting = projects.filter((_, index) => index % 2 === 0);
  for (let day = 0; day < WORLD_DAYS; day += 1) {
    const midnight = dayStart(day);
    const jitter = () => random.int(0, 90) * SECOND + random.int(0, 999_999);
    for (const project of projects)
      add(planner, schedule, 'etl.nightly', project, midnight + HOUR + jitter());
    if (new Date(midnight / 1000).getUTCDay() === 0)
      for (const project of projects)
        add(planner, schedule, 'db.vacuum', project, midnight + 4 * HOUR + jitter());
    for (const project of reporting)
      for (const hour of [0, 6, 12, 18])
        add(
          planner,
          schedule,
          'report.render',
          project,
          midnight + hour * HOUR + 5 * MINUTE + jitter(),
        );
  }
}

/** CI jobs deploy on working days; backup jobs run every night. */
function byKeys(planner: Planner, keys: readonly { key: ApiKey; life: KeyLife }[]): void {
  const { random } = planner;
  for (const { key, life } of keys) {
    const submitter = { type: 'key', key } as const;
    for (let day = 0; day < WORLD_DAYS; day += 1) {
      const times: number[] = [];
      if (key.name === 'backup-cron')
        times.push(dayStart(day) + 2 * HOUR + random.int(0, 600) * SECOND);
      if (key.name === 'ci-deploy') {
        const count = random.poisson(isWeekend(day) ? 0.5 : 7);
        for (let n = 0; n < count; n += 1)
          times.push(dayStart(day) + random.int(7 * 3600, 19 * 3600) * SECOND);
      }
      for (const at of times.sort((a, b) => a - b)) {
        const precise = at + random.int(0, 999_999);
        if (precise > life.from && precise < life.to)
          add(
            planner,
            submitter,
            key.name === 'backup-cron' ? 'backup' : 'image.build',
            key.project,
            precise,
          );
      }
    }
  }
}

const ADHOC_KINDS = { 'report.render': 60, 'db.vacuum': 25, 'etl.nightly': 15 } as const;

/** Operators submit a report or a vacuum from some of their sessions, and now and then cancel it. */
function byPeople(planner: Planner, sessions: readonly Session[], roles: RoleBook): void {
  const { random } = planner;
  for (const session of sessions) {
    if (!roles.canOperate(session.user, session.start) || !random.chance(0.3)) continue;
    const at = momentIn(random, session);
    const kind = random.weighted(ADHOC_KINDS);
    const project = random.pick(session.user.projects);
    if (at + longestChain(kind) >= WORLD_END) continue;
    const cancel = session.end - at > 15 * MINUTE && random.chance(0.08);
    planner.into.push({
      submitter: { type: 'user', session },
      kind,
      project,
      at,
      attempts: drawAttempts(random, kind, cancel ? 'cancelled' : undefined),
    });
  }
}

/** Every ordinary task of the world (incident stories add the ones caught in an outage). */
export function planTasks(
  random: Random,
  projects: readonly string[],
  keys: readonly { key: ApiKey; life: KeyLife }[],
  sessions: readonly Session[],
  roles: RoleBook,
): TaskPlan[] {
  const planner: Planner = { random, into: [] };
  scheduled(planner, projects);
  byKeys(planner, keys);
  byPeople(planner, sessions, roles);
  return planner.into;
}
