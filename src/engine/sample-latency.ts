import type { LatencyModel } from '../config/mock-options.js';
import type { Random } from '../generator/random.js';

/** The longest delay the latency model draws. */
const MAX_MS = 60_000;

/** Draws one delay in whole milliseconds. */
export function sampleLatency(model: LatencyModel, random: Random): number {
  switch (model.kind) {
    case 'none':
      return 0;
    case 'fixed':
      return Math.round(model.ms);
    case 'uniform':
      return Math.round(model.min + random.next() * (model.max - model.min));
    case 'lognormal':
      return Math.min(MAX_MS, Math.round(random.logNormal(model.median, model.sigma)));
    // Stryker disable next-line all: the switch is exhaustive, so this is never reached
    default:
      // Stryker disable next-line all: the switch is exhaustive, so this is never reached
      throw new Error(
        `Unknown latency model "${String((model satisfies never as { kind: string }).kind)}".`,
      );
  }
}
