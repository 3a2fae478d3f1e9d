import type { Cast, Vm } from '../cast/cast.js';
import type { Downtime } from '../plan/downtimes.js';
import type { Random } from '../random.js';
import type { SessionPlan, SessionStep } from './session-plan.js';
import type { PlacedStory } from './story.js';
import type { TaskOutline } from './task-outline.js';
import type { TaskPlan } from './task-plan.js';

/** When a VM existed in the world. */
export interface VmLife {
  readonly vm: Vm;
  readonly from: number;
  readonly to: number;
}

/** What drawing a lazy story's events may read about the rest of the world. */
export interface StoryContext {
  readonly cast: Cast;
  readonly downtimes: readonly Downtime[];
  /** Each project's VMs and when they existed. */
  readonly vmLives: ReadonlyMap<string, readonly VmLife[]>;
  /** The id of an event that happened before the story began (what someone looks up). */
  earlierEventId(random: Random, story: PlacedStory): string;
  /** When each event of the session of story `index` happens: drawn on first use, then kept. */
  sessionSteps(index: number, plan: SessionPlan): readonly SessionStep[];
  /** The times and places of the task chain of story `index`: drawn on first use, then kept. */
  taskOutline(index: number, plan: TaskPlan): TaskOutline;
}
