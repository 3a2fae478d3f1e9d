import type { LatencyModel } from '../config/mock-options.js';
import { OptionsError } from '../config/options-error.js';

const NUMBER = /^\d+(\.\d+)?$/;

/**
 * Reads `--latency`: `200` (fixed ms), `uniform:50-300` or `lognormal:80,0.5` (median ms, sigma)
 * into the `latency` option; its bounds are checked with the other options.
 * @throws OptionsError naming the accepted forms
 */
export function parseLatencyFlag(text: string): LatencyModel {
  const usage = new OptionsError(
    `--latency "${text}" is not understood; use <ms>, uniform:<min>-<max> or lognormal:<median>,<sigma>.`,
  );
  const numbers = (args: string, separator: string, count: number): number[] => {
    const parts = args.split(separator);
    if (parts.length !== count || !parts.every((part) => NUMBER.test(part))) throw usage;
    return parts.map(Number);
  };
  const colon = text.indexOf(':');
  const kind = colon === -1 ? 'fixed' : text.slice(0, colon);
  const args = colon === -1 ? text : text.slice(colon + 1);
  switch (kind) {
    case 'fixed': {
      const [ms = 0] = numbers(args, ',', 1);
      return { kind, ms };
    }
    case 'uniform': {
      const [min = 0, max = 0] = numbers(args, '-', 2);
      return { kind, min, max };
    }
    case 'lognormal': {
      const [median = 0, sigma = 0] = numbers(args, ',', 2);
      return { kind, median, sigma };
    }
    default:
      throw usage;
  }
}
