import type { Random } from '../random.js';
import { createRandomFromNumbers } from '../random.js';
import { auditView } from './audit-view.js';
import type { Beat } from './beat.js';
import { keyActor } from './beat.js';
import { crashBeats, outageBeats } from './incident-beats.js';
import { sessionBeat } from './session-beats.js';
import type { PlacedStory } from './story.js';
import type { StoryContext } from './story-context.js';
import { taskBeat } from './task-beats.js';

// Stream numbers keep the random sources of a world's parts apart.
const STORY_STREAM = 0x5707;
const STEP_STREAM = 0x57e9;

/** Stories drawn as a whole: an incident, whose events depend on each other. */
function drawWhole(placed: PlacedStory, context: StoryContext, random: Random): Beat[] {
  const { story } = placed;
  switch (story.kind) {
    case 'outage':
      return outageBeats(story.downtime, story.tasks, placed.firstTaskId, context, random);
    case 'crash':
      return crashBeats(story.downtime, story.tasks, placed.firstTaskId, context, random);
    case 'timeline':
    case 'session':
    case 'task':
    case 'reads':
      throw new Error(`A ${story.kind} story is drawn event by event.`);
    default:
      throw new Error(`Unknown story kind "${String(story)}".`);
  }
}

/** Draws a whole incident, in time order. */
function whole(placed: PlacedStory, context: StoryContext, seedWord: number): Beat[] {
  const random = createRandomFromNumbers(seedWord, STORY_STREAM, placed.index);
  return drawWhole(placed, context, random).sort((a, b) => a.at - b.at);
}

/**
 * One event of a story. Most stories fix the times (and places) of their events when the world
 * is built and build the one asked for from a random source of its own; incidents, rare and
 * tightly linked, are drawn whole.
 */
export function storyBeat(
  placed: PlacedStory,
  step: number,
  context: StoryContext,
  seedWord: number,
): Beat | undefined {
  const { story } = placed;
  const own = () => createRandomFromNumbers(seedWord, STEP_STREAM, placed.index, step);
  switch (story.kind) {
    case 'timeline':
      return story.beats[step];
    case 'session': {
      const at = context.sessionSteps(placed.index, story.plan)[step];
      return at && sessionBeat(story.plan, at, { context, placed }, own());
    }
    case 'task': {
      const outline = context.taskOutline(placed.index, story.plan);
      const at = outline.steps[step];
      return at && taskBeat(story.plan, outline, at, placed.firstTaskId, own());
    }
    case 'reads': {
      const at = story.times[step];
      if (at === undefined) return undefined;
      return auditView(own(), context, placed, { at, actor: keyActor(story.key), listShare: 0.7 });
    }
    case 'outage':
    case 'crash':
      return whole(placed, context, seedWord)[step];
    default:
      throw new Error(`Unknown story kind "${String(story)}".`);
  }
}

/** A story's events in time order: the same story always gives the same events. */
export function storyBeats(
  placed: PlacedStory,
  context: StoryContext,
  seedWord: number,
): readonly Beat[] {
  const { story } = placed;
  if (story.kind === 'timeline') return story.beats;
  if (story.kind === 'outage' || story.kind === 'crash') return whole(placed, context, seedWord);
  return Array.from({ length: placed.size }, (_, step) => {
    const found = storyBeat(placed, step, context, seedWord);
    if (found === undefined) throw new Error(`Story ${placed.index} has no event ${step}.`);
    return found;
  });
}
