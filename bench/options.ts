import { parseArgs } from 'node:util';
import { SCENARIO_NAMES, type ScenarioName } from './scenarios.js';

export interface BenchOptions {
  readonly rounds: number;
  /** seconds per server, scenario and round */
  readonly duration: number;
  readonly connections: number;
  /** seconds of unmeasured load per server and scenario before the first round */
  readonly warmup: number;
  readonly scenarios: readonly ScenarioName[];
  /** requests after which the memory-growth check takes its first reading */
  readonly memoryCheckpoint: number;
  /** requests after which it takes its last reading */
  readonly memoryRequests: number;
  /** requests over which each reading samples RSS */
  readonly memoryWindow: number;
  /** spawns per server for the cold start, interleaved */
  readonly coldStarts: number;
  /** measure the cold start only: no load, no memory check */
  readonly coldStartOnly: boolean;
  /** fixtures of the --watch reload measurement; 0 leaves it out */
  readonly reloadFixtures: number;
  /** measure only the reload */
  readonly reloadOnly: boolean;
}

export const USAGE = `Usage: npx tsx bench/run-bench.ts [options]

  --rounds <n>             measured rounds (default 5)
  --duration <s>           seconds per server, scenario and round (default 10)
  --connections <c>        concurrent connections (default 50)
  --warmup <s>             unmeasured seconds per server and scenario first (default 2)
  --scenarios <a,b>        subset of: ${SCENARIO_NAMES.join(', ')}
  --memory-requests <n>    requests before the last RSS reading of the memory check (default 1000000)
  --memory-checkpoint <n>  first RSS reading of that check, and the interval between readings (default 100000)
  --memory-window <n>      requests over which each reading samples RSS every 100 ms (default 50000)
  --cold-starts <n>        spawns per server for the cold start, interleaved (default 7; at least 5)
  --cold-start-only        only the cold start: this mock, bare Express, bare node:http, Prism
  --reload-fixtures <n>    fixtures of the --watch reload measurement (default 20000; 0 leaves it out)
  --reload-only            measure only the reload (figures to bench/results/reload.json)
  --quick                  smoke run: 1 round of 3 s, 1 s warm-up, memory check 20000/100000/5000,
                           reload of 2000 fixtures
  -h, --help               show this help
`;

function integer(name: string, text: string | undefined, fallback: number, min = 1): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min)
    throw new Error(`--${name} must be an integer of at least ${min}`);
  return value;
}

function scenarioList(text: string | undefined): ScenarioName[] {
  if (text === undefined) return [...SCENARIO_NAMES];
  const names = text.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(SCENARIO_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`unknown scenario(s): ${unknown.join(', ')}`);
  return SCENARIO_NAMES.filter((name) => names.includes(name));
}

/** Parses the command line; returns undefined when only help was asked for. */
export function parseOptions(args: string[]): BenchOptions | undefined {
  const { values } = parseArgs({
    args,
    options: {
      rounds: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      warmup: { type: 'string' },
      scenarios: { type: 'string' },
      'memory-requests': { type: 'string' },
      'memory-checkpoint': { type: 'string' },
      'memory-window': { type: 'string' },
      'cold-starts': { type: 'string' },
      'cold-start-only': { type: 'boolean', default: false },
      'reload-fixtures': { type: 'string' },
      'reload-only': { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return undefined;
  const quick = values.quick;
  const options: BenchOptions = {
    rounds: integer('rounds', values.rounds, quick ? 1 : 5),
    duration: integer('duration', values.duration, quick ? 3 : 10),
    connections: integer('connections', values.connections, 50),
    warmup: integer('warmup', values.warmup, quick ? 1 : 2, 0),
    scenarios: scenarioList(values.scenarios),
    memoryCheckpoint: integer(
      'memory-checkpoint',
      values['memory-checkpoint'],
      quick ? 20_000 : 100_000,
    ),
    memoryRequests: integer(
      'memory-requests',
      values['memory-requests'],
      quick ? 100_000 : 1_000_000,
    ),
    memoryWindow: integer('memory-window', values['memory-window'], quick ? 5_000 : 50_000),
    coldStarts: integer('cold-starts', values['cold-starts'], 7, 5),
    coldStartOnly: values['cold-start-only'],
    reloadFixtures: integer(
      'reload-fixtures',
      values['reload-fixtures'],
      quick ? 2_000 : 20_000,
      0,
    ),
    reloadOnly: values['reload-only'],
  };
  if (options.reloadOnly && options.reloadFixtures === 0)
    throw new Error('--reload-only needs --reload-fixtures of at least 1');
  if (options.memoryRequests < options.memoryCheckpoint + options.memoryWindow)
    throw new Error('--memory-requests must be at least --memory-checkpoint + --memory-window');
  if (options.memoryWindow >= options.memoryCheckpoint)
    throw new Error('--memory-window must be smaller than --memory-checkpoint');
  if (options.memoryWindow < options.connections)
    throw new Error('--memory-window must be at least --connections');
  if (options.memoryCheckpoint < options.connections)
    throw new Error('--memory-checkpoint must be at least --connections');
  return options;
}
