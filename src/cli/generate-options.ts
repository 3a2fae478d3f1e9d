import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

const MAX_COUNT = 10_000_000;
const INSTANT =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** What `generate` was asked for. */
export interface GenerateOptions {
  readonly help: boolean;
  /** `count`: events for `evt_gen_1` … `evt_gen_<n>`; `world`: the world's own events in time order. */
  readonly mode: 'count' | 'world';
  /** How many events (with --world: at most this many). */
  readonly count: number | undefined;
  readonly seed: string | undefined;
  readonly out: string | undefined;
  /** Milliseconds since 1970, with --world only. */
  readonly from: number | undefined;
  readonly to: number | undefined;
}

function instant(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = INSTANT.test(value)
    ? Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value)
    : NaN;
  if (Number.isNaN(ms))
    throw new UsageError(
      `${flag} needs a date (2026-06-01) or a date-time with its offset (2026-06-01T08:00:00Z), not "${value}".`,
    );
  return ms;
}

function count(value: string | undefined, required: boolean): number | undefined {
  if (value === undefined && !required) return undefined;
  const n = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || n < 1 || n > MAX_COUNT)
    throw new UsageError(`generate needs --count <n>, a whole number from 1 to ${MAX_COUNT}.`);
  return n;
}

/** Reads `generate`'s flags; throws a UsageError saying what is missing or wrong. */
export function parseGenerateOptions(args: readonly string[]): GenerateOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      count: { type: 'string' },
      world: { type: 'boolean' },
      from: { type: 'string' },
      to: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      ndjson: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  const world = values.world === true;
  const base = { help: values.help === true, seed: values.seed, out: values.out };
  if (base.help)
    return { ...base, mode: 'count', count: undefined, from: undefined, to: undefined };
  if (!world && (values.from !== undefined || values.to !== undefined))
    throw new UsageError('--from and --to go with --world.');
  const options: GenerateOptions = {
    ...base,
    mode: world ? 'world' : 'count',
    count: count(values.count, !world),
    from: instant('--from', values.from),
    to: instant('--to', values.to),
  };
  if (options.from !== undefined && options.to !== undefined && options.from >= options.to)
    throw new UsageError('--from must be before --to.');
  if ((values.out === undefined) === (values.ndjson !== true))
    throw new UsageError('generate needs exactly one of --out <dir> or --ndjson.');
  return options;
}
