import type { Random } from '../generator/random.js';

/** A delay added to every answer, for demos and timeout tests; a closed set of shapes. */
export type LatencyModel =
  | { readonly kind: 'none' }
  | { readonly kind: 'fixed'; readonly ms: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'lognormal'; readonly median: number; readonly sigma: number };

export const NO_LATENCY: LatencyModel = { kind: 'none' };
const MAX_MS = 60_000;

/**
 * Reads `200` (fixed), `uniform:50-300` or `lognormal:80,0.5` (median ms, sigma).
 * @throws RangeError naming the accepted forms
 */
export function parseLatency(text: string): LatencyModel {
  const usage = `Latency "${text}" is not understood; use <ms>, uniform:<min>-<max> or lognormal:<median>,<sigma> (ms up to ${MAX_MS}).`;
  const number = (value: string | undefined) =>
    value !== undefined && /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  let model: LatencyModel;
  const [kind, args = ''] = text.includes(':')
    ? (text.split(':', 2) as [string, string])
    : ['fixed', text];
  if (kind === 'fixed') model = { kind, ms: number(args) };
  else if (kind === 'uniform') {
    const [min, max] = args.split('-').map(number);
    model = { kind, min: min ?? Number.NaN, max: max ?? Number.NaN };
  } else if (kind === 'lognormal') {
    const [median, sigma] = args.split(',').map(number);
    model = { kind, median: median ?? Number.NaN, sigma: sigma ?? Number.NaN };
  } else throw new RangeError(usage);
  const values = Object.values(model).filter((value): value is number => typeof value === 'number');
  if (values.some((value) => !Number.isFinite(value) || value > MAX_MS))
    throw new RangeError(usage);
  if (model.kind === 'uniform' && model.min > model.max) throw new RangeError(usage);
  return model;
}

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
    default:
      throw new Error(`Unknown latency model "${String(model satisfies never as unknown)}".`);
  }
}
