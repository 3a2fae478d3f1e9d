import type { Random } from '../random.js';
import { createRandomFromNumbers } from '../random.js';
import type { SessionStep } from '../story/session-plan.js';
import { sessionOutline } from '../story/session-plan.js';
import type { PlacedStory } from '../story/story.js';
import type { StoryContext } from '../story/story-context.js';
import type { TaskOutline } from '../story/task-outline.js';
import { taskOutline } from '../story/task-outline.js';
import type { EventIds } from './event-ids.js';
import type { WorldPlan } from './plan-world.js';

/** Keeps the random source of a story's outline apart from the world's other sources. */
const OUTLINE_STREAM = 0x0071;
/** How far back someone who looks up an earlier event reaches, in stories. */
const LOOK_BACK = 3000;

function kept<T>(cache: Map<number, T>, index: number, make: () => T): T {
  let value = cache.get(index);
  if (value === undefined) {
    value = make();
    cache.set(index, value);
  }
  return value;
}

/**
 * What drawing a story's events may read about the world. Outlines of sessions and tasks are
 * drawn the first time one of their events is asked for and kept: the world is built quickly,
 * and each story is outlined at most once.
 */
export function createWorldContext(
  plan: WorldPlan,
  stories: readonly PlacedStory[],
  ids: EventIds,
  seedWord: number,
): StoryContext {
  const sessions = new Map<number, readonly SessionStep[]>();
  const tasks = new Map<number, TaskOutline>();
  const outlineRandom = (index: number): Random =>
    createRandomFromNumbers(seedWord, OUTLINE_STREAM, index);
  const { cast, downtimes } = plan;
  return {
    cast,
    downtimes,
    vmLives: plan.vmLives,
    sessionSteps: (index, session) =>
      kept(sessions, index, () => sessionOutline(session, outlineRandom(index))),
    taskOutline: (index, task) =>
      kept(tasks, index, () =>
        taskOutline(task, { random: outlineRandom(index), nodes: cast.nodes, downtimes }),
      ),
    earlierEventId(pick, story) {
      if (story.index === 0) return pick.uuid();
      const earlier = stories[pick.int(Math.max(0, story.index - LOOK_BACK), story.index - 1)];
      return ids.idOf(earlier?.firstSlot ?? 0);
    },
  };
}
