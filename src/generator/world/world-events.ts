import type { Beat } from '../story/beat.js';
import type { World } from './world.js';

/** A world event with its slot. */
export interface SlotBeat {
  readonly slot: number;
  readonly beat: Beat;
}

const before = (a: SlotBeat, b: SlotBeat) =>
  a.beat.at < b.beat.at || (a.beat.at === b.beat.at && a.slot < b.slot);

/** A binary min-heap of pending events, earliest first (ties by slot, so the order is total). */
class PendingEvents {
  readonly #items: SlotBeat[] = [];

  get size(): number {
    return this.#items.length;
  }

  peek(): SlotBeat | undefined {
    return this.#items[0];
  }

  push(item: SlotBeat): void {
    const items = this.#items;
    items.push(item);
    for (let i = items.length - 1; i > 0;) {
      const parent = (i - 1) >>> 1;
      const [child, up] = [items[i], items[parent]];
      if (!child || !up || !before(child, up)) break;
      [items[i], items[parent]] = [up, child];
      i = parent;
    }
  }

  pop(): SlotBeat | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    items[0] = last;
    for (let i = 0; ;) {
      let least = i;
      for (const child of [2 * i + 1, 2 * i + 2]) {
        const [candidate, best] = [items[child], items[least]];
        if (candidate && best && before(candidate, best)) least = child;
      }
      if (least === i) break;
      [items[i], items[least]] = [items[least] as SlotBeat, items[i] as SlotBeat];
      i = least;
    }
    return top;
  }
}

/**
 * The world's events with `from <= at < to` (microseconds), in time order. Stories are taken in
 * order of their first event and every event of a story comes at or after its first, so an event
 * can be given out as soon as the next story starts later than it.
 */
export function* worldBeats(world: World, from: number, to: number): Generator<SlotBeat> {
  const pending = new PendingEvents();
  const flush = function* (until: number): Generator<SlotBeat> {
    for (
      let next = pending.peek();
      next !== undefined && next.beat.at < until;
      next = pending.peek()
    ) {
      pending.pop();
      if (next.beat.at >= from) yield next;
    }
  };
  for (const story of world.stories) {
    if (story.start >= to) break;
    yield* flush(story.start);
    if (story.end < from) continue;
    world.beatsOf(story).forEach((beat, step) => {
      if (beat.at < to) pending.push({ slot: story.firstSlot + step, beat });
    });
  }
  yield* flush(to);
}
