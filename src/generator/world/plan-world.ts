import { buildCast } from '../cast/build-cast.js';
import type { Cast, Vm } from '../cast/cast.js';
import { createAddressPool } from '../cast/clients.js';
import type { Downtime } from '../plan/downtimes.js';
import { planDowntimes } from '../plan/downtimes.js';
import { planKeyTimeline } from '../plan/key-timelines.js';
import { inOrder, userSessions } from '../plan/plan-sessions.js';
import type { Session } from '../plan/session.js';
import { createSessionIndex } from '../plan/session-index.js';
import { planUserTimelines } from '../plan/user-timelines.js';
import type { VmContext } from '../plan/vm-happenings.js';
import { sessionsOfOperators } from '../plan/vm-happenings.js';
import { planVmTimeline } from '../plan/vm-timeline.js';
import type { Random } from '../random.js';
import type { Beat } from '../story/beat.js';
import { planBursts, planReads } from '../story/plan-bursts.js';
import { planIncidents } from '../story/plan-incidents.js';
import { planTasks } from '../story/plan-tasks.js';
import { planSession } from '../story/session-plan.js';
import type { Story } from '../story/story.js';
import type { VmLife } from '../story/story-context.js';
import { WORLD_END, WORLD_START } from '../time.js';

/** Everything a world is made of before its stories are put in order. */
export interface WorldPlan {
  readonly cast: Cast;
  readonly downtimes: readonly Downtime[];
  readonly vmLives: ReadonlyMap<string, readonly VmLife[]>;
  readonly stories: readonly Story[];
}

function timeline(about: string, beats: readonly Beat[]): Story[] {
  const inside = beats.filter((b) => b.at > WORLD_START && b.at < WORLD_END);
  return inside.length === 0 ? [] : [{ kind: 'timeline', about, beats: inside }];
}

function lifeOf(beats: readonly Beat[], from: number): { from: number; to: number } {
  const created = beats.find((b) => b.type === 'vm.created');
  const deleted = beats.find((b) => b.type === 'vm.deleted');
  return { from: created?.at ?? Math.max(from, WORLD_START), to: deleted?.at ?? Infinity };
}

type Step = Generator<void, void, void>;

/** Each VM's life, a few VMs per step; also records when each VM existed. */
function* vmStories(
  context: VmContext,
  vms: readonly Vm[],
  into: Story[],
  lives: Map<string, VmLife[]>,
): Step {
  for (const [n, vm] of vms.entries()) {
    const beats = planVmTimeline(context, vm);
    lives.set(vm.project, [
      ...(lives.get(vm.project) ?? []),
      { vm, ...lifeOf(beats, vm.createdAt) },
    ]);
    into.push(...timeline(`VM ${vm.id}`, beats));
    if (n % 10 === 9) yield;
  }
}

/**
 * Plans a world from one random source, step by step: the cast, their sessions, the downtimes,
 * the lives of users, keys and VMs (whose changes depend on what happened before), then the
 * stories that only read them (tasks, incidents, bursts, reads, sessions). It yields between
 * steps, so the plan can be made a little at a time.
 */
export function* planWorld(random: Random): Generator<void, WorldPlan, void> {
  const cast = buildCast(random);
  const nextAddress = createAddressPool(random);
  const drafts: Session[] = [];
  for (const [n, user] of cast.users.entries()) {
    userSessions(random, user, drafts);
    if (n % 8 === 7) yield;
  }
  const sessions = inOrder(drafts);
  const index = createSessionIndex(sessions);
  const downtimes = planDowntimes(random, cast.nodes);
  const users = planUserTimelines({ random, users: cast.users, sessions: index });
  const keys = cast.keys.map((key) => ({ key, ...planKeyTimeline(random, key, index) }));
  const operatorSessions = sessionsOfOperators(cast.projects, cast.users, index, users.roles);
  yield;
  const vmContext = {
    operatorSessions,
    random,
    users: cast.users,
    keys,
    nodes: cast.nodes,
    downtimes,
    sessions: index,
    roles: users.roles,
  };
  const vmLives = new Map<string, VmLife[]>();
  const stories: Story[] = [
    ...users.timelines.flatMap((beats, i) => timeline(`user ${cast.users[i]?.id ?? ''}`, beats)),
    ...keys.flatMap(({ key, beats }) => timeline(`API key ${key.id}`, beats)),
  ];
  yield* vmStories(vmContext, cast.vms, stories, vmLives);
  for (const plan of planTasks(random, cast.projects, keys, sessions, users.roles))
    stories.push({ kind: 'task', plan });
  yield;
  stories.push(
    ...planIncidents(random, downtimes, cast.projects, keys),
    ...planBursts({ random, users: cast.users, nodes: cast.nodes, keys, nextAddress }),
    ...planReads(random, keys),
  );
  for (const session of sessions)
    stories.push({ kind: 'session', plan: planSession(random, session, users.roles) });
  return { cast, downtimes, vmLives, stories };
}
