import type { Node } from '../cast/cast.js';
import type { Random } from '../random.js';
import { dayStart, HOUR, isWeekend, MINUTE, SECOND, WORLD_DAYS } from '../time.js';

/** Why a node or worker takes no work for a while. */
export type DowntimeKind = 'outage' | 'maintenance' | 'crash';

/** A stretch of time a whole node (worker null) or one worker runs nothing. */
export interface Downtime {
  readonly kind: DowntimeKind;
  readonly node: Node;
  readonly worker: string | null;
  readonly start: number;
  readonly end: number;
}

/** Downtimes never start in the last days, so every story around them ends inside the world. */
const LAST_DAY = WORLD_DAYS - 2;

function overlaps(list: readonly Downtime[], node: Node, start: number, end: number): boolean {
  // An hour of margin: incidents on one node never run into each other.
  return list.some((d) => d.node === node && d.start < end + HOUR && start < d.end + HOUR);
}

/** Some instant of a day of the world, to the microsecond. */
const anyInstant = (random: Random) =>
  dayStart(random.int(1, LAST_DAY)) + random.int(0, 86_399) * SECOND + random.int(0, 999_999);

function outage(random: Random): Omit<Downtime, 'node'> {
  const start = anyInstant(random);
  const length = Math.min(60, Math.max(4, random.logNormal(12, 0.7))) * MINUTE;
  return { kind: 'outage', worker: null, start, end: Math.round(start + length) };
}

function maintenance(random: Random): Omit<Downtime, 'node'> {
  let day = random.int(1, LAST_DAY);
  while (isWeekend(day)) day -= 1;
  const start = dayStart(day) + random.int(5, 6) * HOUR + random.int(0, 59 * MINUTE);
  return { kind: 'maintenance', worker: null, start, end: start + random.int(60, 180) * MINUTE };
}

function crash(random: Random, node: Node): Omit<Downtime, 'node'> {
  const start = anyInstant(random);
  return {
    kind: 'crash',
    worker: random.pick(node.workers),
    start,
    end: start + random.int(20, 90) * SECOND,
  };
}

/** The world's node outages, maintenance windows and worker crashes, in order of their start. */
export function planDowntimes(random: Random, nodes: readonly Node[]): Downtime[] {
  const list: Downtime[] = [];
  const add = (count: number, make: (random: Random, node: Node) => Omit<Downtime, 'node'>) => {
    for (let placed = 0, tries = 0; placed < count && tries < count * 20; tries += 1) {
      const node = random.pick(nodes);
      const drawn = make(random, node);
      if (overlaps(list, node, drawn.start, drawn.end)) continue;
      list.push({ ...drawn, node });
      placed += 1;
    }
  };
  add(random.int(6, 10), outage);
  add(Math.round(nodes.length * 0.5), maintenance);
  add(random.int(8, 14), crash);
  return list.sort((a, b) => a.start - b.start || a.node.index - b.node.index);
}

/** Whether `worker` on `node` (or the node as a whole) is down at some time in [from, to). */
export function isDown(
  downtimes: readonly Downtime[],
  node: Node,
  worker: string,
  from: number,
  to: number,
): boolean {
  return downtimes.some(
    (d) =>
      d.node === node && (d.worker === null || d.worker === worker) && d.start < to && from < d.end,
  );
}

/** The version a node's workers run at `at`: maintenance upgrades them. */
export function workerVersion(downtimes: readonly Downtime[], node: Node, at: number): string {
  const upgraded = downtimes.some(
    (d) => d.kind === 'maintenance' && d.node === node && d.end <= at,
  );
  return upgraded ? '1.19.0' : node.version;
}

/** How many tasks a worker runs at once. */
export function workerSlots(node: Node): number {
  return node.cpus / 8;
}
