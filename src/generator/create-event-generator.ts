import type { CompleteAuditEvent } from './audit-event.js';
import type { Beat } from './story/beat.js';
import { createRandomFromNumbers } from './random.js';
import { MS, WORLD_END, WORLD_START } from './time.js';
import { renderEvent } from './world/render-event.js';
import type { World } from './world/world.js';
import { buildWorldSteps, finish } from './world/world.js';
import { worldBeats } from './world/world-events.js';

/** Makes the event for an id; the same seed and id always give the same event. */
export interface EventGenerator {
  (eventId: string): CompleteAuditEvent;
  /**
   * Starts building the seed's world in small steps with other work in between (it takes a few
   * hundred milliseconds of CPU), rather than all at once for the first event; an event asked
   * for before it is done finishes it.
   */
  warm(): void;
  /**
   * The world's own events, under their own ids, in time order.
   * @param range instants in milliseconds since 1970; `from` included, `to` excluded
   * @default range the whole world: the 90 days before the reference date
   */
  worldEvents(range?: {
    readonly from?: number;
    readonly to?: number;
  }): Iterable<CompleteAuditEvent>;
}

/** Keeps the random source that draws an event's details apart from the world's other sources. */
const RENDER_STREAM = 0x4e4d;

function render(world: World, slot: number, beat: Beat, id: string): CompleteAuditEvent {
  return renderEvent(beat, id, createRandomFromNumbers(world.seedWord, RENDER_STREAM, slot));
}

/**
 * Creates the generator of one seed's world (docs/generated-events.md): a cast and its stories
 * over 90 days. An id of the world's own names its event; any other id is hashed to one of the
 * world's events and answers it under that id. No clock, no global state.
 */
export function createEventGenerator(seed: string): EventGenerator {
  let world: World | undefined;
  let building: Generator<void, World, void> | undefined;
  // Built on first use, or a step at a time after warm(): other work runs between the steps.
  const worldNow = () => (world ??= finish((building ??= buildWorldSteps(seed))));
  const step = () => {
    if (world !== undefined || building === undefined) return;
    const next = building.next();
    if (next.done === true) world = next.value;
    else setImmediate(step);
  };
  const generate = (eventId: string) => {
    const built = worldNow();
    const slot = built.slotOf(eventId);
    return render(built, slot, built.beatIn(slot), eventId);
  };
  return Object.assign(generate, {
    warm() {
      if (building !== undefined || world !== undefined) return;
      building = buildWorldSteps(seed);
      setImmediate(step);
    },
    *worldEvents(range: { readonly from?: number; readonly to?: number } = {}) {
      const built = worldNow();
      const from = range.from === undefined ? WORLD_START : range.from * MS;
      const to = range.to === undefined ? WORLD_END : range.to * MS;
      for (const { slot, beat } of worldBeats(built, from, to))
        yield render(built, slot, beat, built.ids.idOf(slot));
    },
  });
}
