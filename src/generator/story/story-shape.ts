import { IDLE_TIMEOUT } from '../plan/plan-sessions.js';
import { sessionSize } from './session-plan.js';
import type { Story } from './story.js';
import { longestChain, taskSize } from './task-plan.js';

/** When a story starts and ends at the latest, and its number of events: known before it is drawn. */
export interface StoryShape {
  /** The instant of its first event. */
  readonly start: number;
  /** No event of it comes later than this. */
  readonly end: number;
  readonly size: number;
}

export function storyShape(story: Story): StoryShape {
  switch (story.kind) {
    case 'timeline':
      return {
        start: story.beats[0]?.at ?? 0,
        end: story.beats.at(-1)?.at ?? 0,
        size: story.beats.length,
      };
    case 'session': {
      const { session, preface } = story.plan;
      return {
        start: session.start - preface,
        end: session.end + IDLE_TIMEOUT,
        size: sessionSize(story.plan),
      };
    }
    case 'task':
      return {
        start: story.plan.at,
        end: story.plan.at + longestChain(story.plan.kind),
        size: taskSize(story.plan),
      };
    case 'outage':
    case 'crash': {
      const { downtime, tasks } = story;
      const own = story.kind === 'outage' ? 2 + 2 * downtime.node.workers.length : 2;
      return {
        start: Math.min(downtime.start, ...tasks.map((task) => task.at)),
        end: Math.max(downtime.end, ...tasks.map((task) => task.at + longestChain(task.kind))),
        size: own + tasks.reduce((sum, task) => sum + taskSize(task), 0),
      };
    }
    case 'reads':
      return { start: story.times[0] ?? 0, end: story.times.at(-1) ?? 0, size: story.times.length };
    default:
      throw new Error(`Unknown story kind "${String(story)}".`);
  }
}

/** How many tasks a story holds (they get consecutive ids). */
export function taskCount(story: Story): number {
  switch (story.kind) {
    case 'task':
      return 1;
    case 'outage':
    case 'crash':
      return story.tasks.length;
    case 'timeline':
    case 'session':
    case 'reads':
      return 0;
    default:
      throw new Error(`Unknown story kind "${String(story)}".`);
  }
}
