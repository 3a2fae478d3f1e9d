import { hash } from 'node:crypto';
import type { Cast } from '../cast/cast.js';
import { createRandom } from '../random.js';
import type { Beat } from '../story/beat.js';
import type { PlacedStory } from '../story/story.js';
import type { StoryContext } from '../story/story-context.js';
import { storyBeat, storyBeats } from '../story/story-beats.js';
import { storyShape, taskCount } from '../story/story-shape.js';
import type { EventIds } from './event-ids.js';
import { createEventIds } from './event-ids.js';
import type { WorldPlan } from './plan-world.js';
import { planWorld } from './plan-world.js';
import { createWorldContext } from './world-context.js';

/** The world of one seed: its cast and its stories, each event in a numbered slot. */
export interface World {
  readonly seed: string;
  /** A number drawn from the seed that keys every random source of the world's events. */
  readonly seedWord: number;
  readonly cast: Cast;
  /** In order of their first event. */
  readonly stories: readonly PlacedStory[];
  /** The number of events (and slots). */
  readonly total: number;
  readonly ids: EventIds;
  readonly context: StoryContext;
  /** The story whose events hold `slot`. */
  storyAt(slot: number): PlacedStory;
  /** The events of a story, in time order. */
  beatsOf(story: PlacedStory): readonly Beat[];
  /** The event in a slot. */
  beatIn(slot: number): Beat;
  /** The slot an id stands for: its own for the world's ids, a hash of it for any other. */
  slotOf(id: string): number;
}

const FIRST_TASK_ID = 104_000;

function place(stories: WorldPlan['stories']): PlacedStory[] {
  const shaped = stories.map((story, order) => ({ story, order, ...storyShape(story) }));
  shaped.sort((a, b) => a.start - b.start || a.order - b.order);
  let slot = 0;
  let taskId = FIRST_TASK_ID;
  return shaped.map(({ story, start, end, size }, index) => {
    const placed = {
      story,
      index,
      start,
      end,
      size,
      firstSlot: slot,
      firstTaskId: taskCount(story) > 0 ? taskId : 0,
    };
    slot += size;
    taskId += taskCount(story);
    return placed;
  });
}

/** Finds the story that holds a slot: a binary search over the stories' first slots. */
function storyFinder(stories: readonly PlacedStory[]): (slot: number) => PlacedStory {
  const firstSlots = Float64Array.from(stories, (story) => story.firstSlot);
  return (slot) => {
    let low = 0;
    let high = firstSlots.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((firstSlots[middle] ?? 0) <= slot) low = middle;
      else high = middle - 1;
    }
    const story = stories[low];
    if (story === undefined) throw new RangeError(`No story holds slot ${slot}.`);
    return story;
  };
}

/**
 * Builds the plan of a seed's world, yielding now and then so that it can be built a little at a
 * time (see `createEventGenerator`'s `warm`); its events are drawn on demand.
 */
export function* buildWorldSteps(seed: string): Generator<void, World, void> {
  const random = createRandom('world', seed);
  const seedWord = random.int(0, 0xffffffff);
  const plan = yield* planWorld(random);
  const stories = place(plan.stories);
  yield;
  const last = stories.at(-1);
  const total = last === undefined ? 0 : last.firstSlot + last.size;
  const ids = createEventIds(seedWord, total);
  const context = createWorldContext(plan, stories, ids, seedWord);
  const storyAt = storyFinder(stories);
  return {
    seed,
    seedWord,
    cast: plan.cast,
    stories,
    total,
    ids,
    context,
    storyAt,
    beatsOf: (story) => storyBeats(story, context, seedWord),
    beatIn(slot) {
      const story = storyAt(slot);
      const found = storyBeat(story, slot - story.firstSlot, context, seedWord);
      if (found === undefined)
        throw new RangeError(`Story ${story.index} has no event for slot ${slot}.`);
      return found;
    },
    slotOf(id) {
      const own = ids.slotOf(id);
      if (own !== null) return own;
      const digest = hash('sha256', `${seed}\u0000slot\u0000${id}`, 'buffer');
      // 48 bits of the hash, scaled to the number of slots: every slot equally likely.
      return Math.floor((digest.readUIntBE(0, 6) / 2 ** 48) * total);
    },
  };
}

/** Runs steps to their end. */
export function finish<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
  }
}

/** Builds the plan of a seed's world at once. */
export function buildWorld(seed: string): World {
  return finish(buildWorldSteps(seed));
}
