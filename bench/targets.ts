import type { BenchResults, Target } from './results.js';
import type { ScenarioName, ServerName } from './scenarios.js';
import { ratio } from './stats.js';

type Figures = Omit<BenchResults, 'targets'>;

function figure(
  results: Figures,
  scenario: ScenarioName,
  server: ServerName,
  key: 'requestsPerSec' | 'p99Ms',
): number | undefined {
  return results.scenarios[scenario]?.servers[server]?.median[key];
}

function judge(
  name: string,
  value: number,
  passes: (value: number) => boolean,
  unit: string,
): Target {
  if (Number.isNaN(value)) return { name, value: 'n/a', pass: undefined };
  return { name, value: `${value.toFixed(2)}${unit}`, pass: passes(value) };
}

function atLeast(name: string, value: number, goal: number): Target {
  return judge(name, value, (v) => v >= goal, '×');
}

function atMost(name: string, value: number, goal: number, unit = '×'): Target {
  return judge(name, value, (v) => v <= goal, unit);
}

function throughput(results: Figures, scenario: ScenarioName, other: ServerName, goal: number) {
  const value = ratio(
    figure(results, scenario, 'ours', 'requestsPerSec'),
    figure(results, scenario, other, 'requestsPerSec'),
  );
  return atLeast(`${scenario} req/s ≥ ${goal}× ${other}`, value, goal);
}

function p99(results: Figures, scenario: ScenarioName): Target {
  const value = ratio(
    figure(results, scenario, 'ours', 'p99Ms'),
    figure(results, scenario, 'bare', 'p99Ms'),
  );
  return atMost(`${scenario} p99 ≤ 1.5× bare`, value, 1.5);
}

/** The key targets, each PASS, MISS or n/a (not measured in this run). */
export function judgeTargets(results: Figures): Target[] {
  const ours = results.coldStart.ours?.medianMs;
  const prism = results.coldStart.prism?.medianMs;
  const bare = results.coldStart.bare?.medianMs;
  const rssOurs = results.rssAfterLoadMb.ours;
  const rssPrism = results.rssAfterLoadMb.prism;
  return [
    throughput(results, 'fixture', 'bare', 1),
    throughput(results, 'generated-large', 'bare', 0.75),
    throughput(results, 'generated-large', 'prism', 3),
    throughput(results, 'generated-large', 'prism-dynamic', 8),
    p99(results, 'fixture'),
    p99(results, 'generated-large'),
    p99(results, 'generated-same'),
    atMost('cold start ≤ 1/3 prism', ratio(ours, prism), 1 / 3),
    atMost('cold start ≤ bare express', ratio(ours, bare), 1),
    judge('cold start < 500 ms', ours ?? Number.NaN, (v) => v < 500, ' ms'),
    atMost('memory growth ≤ 10%', (results.memoryGrowth?.growth ?? Number.NaN) * 100, 10, '%'),
    {
      name: 'RSS after load below prism (static)',
      value:
        rssOurs === undefined || rssPrism === undefined
          ? 'n/a'
          : `${rssOurs.toFixed(1)} MB vs ${rssPrism.toFixed(1)} MB`,
      pass: rssOurs === undefined || rssPrism === undefined ? undefined : rssOurs < rssPrism,
    },
  ];
}
