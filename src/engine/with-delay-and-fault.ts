import type { LatencyModel } from '../config/mock-options.js';
import type { Answer } from '../core/answer.js';
import type { Random } from '../generator/random.js';
import type { Preferences } from './read-preferences.js';
import { sampleLatency } from './sample-latency.js';

/** What the delay stage needs: the latency model and its draws. */
export interface Delayer {
  readonly options: { readonly latency: LatencyModel };
  readonly latencyRandom: Random;
}

/**
 * Sets the answer's delay (the request's `delay` preference, else the answer's own, else one drawn
 * from the latency model) and its fault (the request's `fault` preference wins).
 */
export function withDelayAndFault(
  answer: Answer,
  preferences: Preferences,
  delayer: Delayer,
): Answer {
  const { latency } = delayer.options;
  const delayMs =
    preferences.delay ??
    answer.delayMs ??
    (latency.kind === 'none' ? undefined : sampleLatency(latency, delayer.latencyRandom));
  let out = delayMs === undefined ? answer : { ...answer, delayMs };
  if (preferences.fault !== undefined) {
    out = {
      ...out,
      fault: preferences.fault,
      ...(preferences.duration === undefined ? {} : { faultDurationMs: preferences.duration }),
    };
  }
  return out;
}
