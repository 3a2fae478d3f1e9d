import type { ApiKey, Node, User, Vm } from '../cast/cast.js';
import type { Random } from '../random.js';
import type { Actor } from '../story/beat.js';
import { inSession, keyActor } from '../story/beat.js';
import {
  DAY,
  dayStart,
  HOUR,
  MINUTE,
  SECOND,
  WORLD_DAYS,
  WORLD_END,
  WORLD_START,
} from '../time.js';
import type { Downtime } from './downtimes.js';
import type { KeyLife } from './key-timelines.js';
import type { RoleBook } from './roles.js';
import type { Session } from './session.js';
import { momentIn } from './session.js';
import type { SessionIndex } from './session-index.js';

/** Something that happens to a VM; what exactly follows from its state at that time. */
export type Happening =
  | { readonly kind: 'create' | 'delete' | 'operate'; readonly at: number; readonly actor: Actor }
  | { readonly kind: 'snapshot' | 'degraded'; readonly at: number }
  | { readonly kind: 'downtime'; readonly at: number; readonly downtime: Downtime };

export interface VmContext {
  readonly random: Random;
  readonly users: readonly User[];
  readonly keys: readonly { readonly key: ApiKey; readonly life: KeyLife }[];
  readonly nodes: readonly Node[];
  readonly downtimes: readonly Downtime[];
  readonly sessions: SessionIndex;
  readonly roles: RoleBook;
  /** Per project: the sessions of its members while they may change VMs, in order. */
  readonly operatorSessions: ReadonlyMap<string, readonly Session[]>;
}

/** Per project, the sessions in which its members may change its VMs. */
export function sessionsOfOperators(
  projects: readonly string[],
  users: readonly User[],
  sessions: SessionIndex,
  roles: RoleBook,
): Map<string, Session[]> {
  return new Map(
    projects.map((project) => {
      const members = users.filter((user) => user.projects.includes(project));
      const allowed = sessions
        .within(members, -Infinity, Infinity)
        .filter((session) => roles.canOperate(session.user, session.start));
      return [project, allowed];
    }),
  );
}

/** Sessions of the VM's project members in which they may change it, in [from, to). */
function operatorSessions(context: VmContext, vm: Vm, from: number, to: number): Session[] {
  const all = context.operatorSessions.get(vm.project) ?? [];
  return all.filter((session) => session.start >= from && session.end < to);
}

/** Someone allowed to change the VM in [from, to): an operator in a session, or a Terraform key. */
function actorNear(
  context: VmContext,
  vm: Vm,
  window: { readonly from: number; readonly to: number; readonly sessions?: readonly Session[] },
): { readonly at: number; readonly actor: Actor } | null {
  const { random } = context;
  const { from, to } = window;
  if (to <= from) return null;
  const terraform = context.keys.filter(
    ({ key, life }) =>
      key.project === vm.project && key.name === 'terraform' && life.from < to && from < life.to,
  );
  if (terraform.length > 0 && random.chance(0.3)) {
    const { key, life } = random.pick(terraform);
    const start = Math.max(from, life.from);
    const at = Math.round(start + random.next() * (Math.min(to, life.to) - start));
    return { at, actor: keyActor(key) };
  }
  const candidates = window.sessions ?? operatorSessions(context, vm, from, to);
  if (candidates.length === 0) return null;
  const session = random.pick(candidates);
  return { at: momentIn(random, session), actor: inSession(session) };
}

function nightly(vm: Vm, from: number, to: number, random: Random): Happening[] {
  if (!vm.nightlySnapshots) return [];
  const list: Happening[] = [];
  for (let day = 0; day < WORLD_DAYS; day += 1) {
    const at = dayStart(day) + 3 * HOUR + random.int(0, 20 * 60 * SECOND);
    if (at > from && at < to) list.push({ kind: 'snapshot', at });
  }
  return list;
}

/** Everything that will happen to the VM during its life in the world, in time order. */
export function vmHappenings(context: VmContext, vm: Vm): Happening[] {
  const { random } = context;
  const from = Math.max(vm.createdAt, WORLD_START);
  const until = Math.min(vm.deletedAround ?? Infinity, WORLD_END - DAY);
  const list: Happening[] = [];
  if (vm.createdAt >= WORLD_START) {
    const creation = actorNear(context, vm, { from: vm.createdAt, to: vm.createdAt + 3 * DAY });
    if (creation) list.push({ ...creation, kind: 'create' });
  }
  const start = list[0]?.at ?? from;
  let to = until;
  if (vm.deletedAround !== null) {
    const deletion = actorNear(context, vm, {
      from: vm.deletedAround,
      to: vm.deletedAround + 3 * DAY,
    });
    if (deletion && deletion.at > start && deletion.at < WORLD_END - HOUR) {
      list.push({ ...deletion, kind: 'delete' });
      to = deletion.at;
    }
  }
  const window = { from: start + HOUR, to: to - HOUR };
  const sessions = operatorSessions(context, vm, window.from, window.to);
  for (let n = random.poisson((to - start) / (4 * DAY)); n > 0; n -= 1) {
    const op = actorNear(context, vm, { ...window, sessions });
    if (op) list.push({ ...op, kind: 'operate' });
  }
  for (let n = random.poisson((to - start) / (30 * DAY)); n > 0; n -= 1)
    list.push({ kind: 'degraded', at: Math.round(start + random.next() * (to - start - HOUR)) });
  for (const downtime of context.downtimes)
    if (downtime.worker === null && downtime.start > start + MINUTE && downtime.start < to - HOUR)
      list.push({ kind: 'downtime', at: downtime.start, downtime });
  list.push(...nightly(vm, start + MINUTE, to - MINUTE, random));
  return list.sort((a, b) => a.at - b.at);
}
