// Benchmarks audit-events-mock against Prism and a bare Express app. See bench/README.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { format, resolveConfig } from 'prettier';
import { type LoadTarget, type RunFigures, runLoad } from './load.js';
import {
  growthOf,
  type MemoryReading,
  readingPoints,
  summariseSamples,
} from './memory-readings.js';
import { type BenchOptions, parseOptions, USAGE } from './options.js';
import { preflight } from './preflight.js';
import {
  killAllChildrenNow,
  pinLoadGenerator,
  rssMb,
  stopAllChildren,
  stopChild,
  systemBusyCpuSeconds,
} from './processes.js';
import { measureReload, reloadTable } from './reload.js';
import { renderReport } from './report.js';
import type {
  BenchResults,
  ColdStartResult,
  MemoryGrowthResult,
  ScenarioResult,
} from './results.js';
import { summarise } from './results.js';
import { SCENARIOS, type ScenarioName, type ServerName } from './scenarios.js';
import { coldStart, ROOT, type RunningServer, SERVER_LABELS, startServer } from './servers.js';
import { median } from './stats.js';
import { judgeTargets } from './targets.js';

const SETTLE_MS = 250;
const QUIET_PCT = 15;
/** RSS sampling period of the memory check. */
const SAMPLE_MS = 100;
const log = (line: string) => process.stderr.write(`${line}\n`);

function serversOf(scenarios: readonly ScenarioName[]): ServerName[] {
  const wanted = new Set(scenarios.flatMap((name) => SCENARIOS[name].servers));
  return (['ours', 'prism', 'prism-dynamic', 'bare'] as const).filter((name) => wanted.has(name));
}

/** The servers of the cold start: those under load, and the two bare baselines. */
function coldStartServers(servers: readonly ServerName[]): ServerName[] {
  return [...new Set<ServerName>([...servers, 'bare', 'bare-http'])];
}

async function measureColdStarts(
  servers: readonly ServerName[],
  options: BenchOptions,
  pinned: boolean,
) {
  const samples = new Map(
    servers.map((name) => [name, { ms: [] as number[], cpu: [] as number[] }]),
  );
  for (let i = 0; i < options.coldStarts; i += 1)
    // Each round starts with the next server, so none is always first (or last) after a pause.
    for (const name of servers.map((_, j) => servers[(i + j) % servers.length] as ServerName)) {
      const { ms, cpuMs } = await coldStart(name, pinned);
      samples.get(name)?.ms.push(ms);
      samples.get(name)?.cpu.push(cpuMs);
      log(
        `cold start ${i + 1}/${options.coldStarts} ${SERVER_LABELS[name]}: ${ms.toFixed(0)} ms, CPU ${cpuMs.toFixed(0)} ms`,
      );
    }
  const result: Partial<Record<ServerName, ColdStartResult>> = {};
  for (const [name, { ms, cpu }] of samples)
    result[name] = {
      samplesMs: ms,
      medianMs: median(ms),
      cpuSamplesMs: cpu,
      medianCpuMs: median(cpu),
    };
  return result;
}

async function measureLoad(
  running: ReadonlyMap<ServerName, RunningServer>,
  options: BenchOptions,
): Promise<Partial<Record<ScenarioName, ScenarioResult>>> {
  const target = (name: ServerName) => {
    const server = running.get(name);
    if (!server) throw new Error(`${name} is not running`);
    return { url: server.url, pid: server.child.pid };
  };
  if (options.warmup > 0)
    for (const scenario of options.scenarios.map((name) => SCENARIOS[name]))
      for (const name of scenario.servers) {
        log(`warm-up ${scenario.name} ${SERVER_LABELS[name]}`);
        await runLoad(target(name), scenario, options.connections, { duration: options.warmup });
      }
  const rounds = new Map<string, RunFigures[]>();
  for (let round = 0; round < options.rounds; round += 1)
    for (const scenario of options.scenarios.map((name) => SCENARIOS[name])) {
      const order = round % 2 === 0 ? scenario.servers : [...scenario.servers].reverse();
      for (const name of order) {
        await sleep(SETTLE_MS);
        const figures = await runLoad(target(name), scenario, options.connections, {
          duration: options.duration,
        });
        const key = `${scenario.name}/${name}`;
        rounds.set(key, [...(rounds.get(key) ?? []), figures]);
        log(
          `round ${round + 1}/${options.rounds} ${scenario.name} ${SERVER_LABELS[name]}: ` +
            `${figures.requestsPerSec.toFixed(0)} req/s, p99 ${figures.p99Ms} ms`,
        );
      }
    }
  const results: Partial<Record<ScenarioName, ScenarioResult>> = {};
  for (const scenario of options.scenarios.map((name) => SCENARIOS[name])) {
    const servers: ScenarioResult['servers'] = {};
    for (const name of scenario.servers)
      servers[name] = summarise(
        rounds.get(`${scenario.name}/${name}`) ?? [],
        scenario.expected[name],
        scenario.caveats[name],
      );
    results[scenario.name] = { summary: scenario.summary, servers };
  }
  return results;
}

/** Runs `amount` requests while reading the server's RSS every {@link SAMPLE_MS} ms. */
async function sampledLoad(target: LoadTarget, connections: number, amount: number) {
  const samplesMb: number[] = [];
  const timer = setInterval(() => samplesMb.push(rssMb(target.pid)), SAMPLE_MS);
  try {
    const run = await runLoad(target, SCENARIOS['generated-large'], connections, { amount });
    samplesMb.push(run.rssMb);
    return { run, samplesMb };
  } finally {
    clearInterval(timer);
  }
}

async function measureMemoryGrowth(
  options: BenchOptions,
  pinned: boolean,
): Promise<MemoryGrowthResult> {
  const points = readingPoints(
    options.memoryCheckpoint,
    options.memoryRequests,
    options.memoryWindow,
  );
  const server = await startServer('ours', pinned);
  const target = { url: server.url, pid: server.child.pid };
  const scenario = SCENARIOS['generated-large'];
  const readings: MemoryReading[] = [];
  const runs: RunFigures[] = [];
  try {
    const rssIdleMb = rssMb(target.pid);
    let done = 0;
    for (const point of points) {
      log(
        `memory check: ${point.toLocaleString('en')} requests, then a reading over ${options.memoryWindow.toLocaleString('en')}`,
      );
      if (point > done)
        runs.push(await runLoad(target, scenario, options.connections, { amount: point - done }));
      const { run, samplesMb } = await sampledLoad(
        target,
        options.connections,
        options.memoryWindow,
      );
      runs.push(run);
      readings.push(summariseSamples(point, samplesMb));
      done = point + options.memoryWindow;
    }
    return {
      rssIdleMb,
      windowRequests: options.memoryWindow,
      readings,
      growth: growthOf(readings),
      runs,
    };
  } finally {
    await stopChild(server.child.process);
  }
}

async function main(): Promise<number> {
  let options: BenchOptions | undefined;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    log(`run-bench: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (!options) {
    process.stdout.write(USAGE);
    return 0;
  }
  const servers = options.coldStartOnly ? serversOf(['fixture']) : serversOf(options.scenarios);
  const { errors, warnings } = preflight(['ours', ...servers]);
  for (const line of errors) log(`run-bench: ${line}`);
  if (errors.length > 0) return 1;

  const pinning = pinLoadGenerator();
  const busyBefore = systemBusyCpuSeconds();
  await sleep(1_000);
  const otherCpuPctAtStart = (systemBusyCpuSeconds() - busyBefore) * 100;
  if (otherCpuPctAtStart > QUIET_PCT)
    warnings.push(`other processes used ${otherCpuPctAtStart.toFixed(0)}% CPU before the start.`);
  const meta = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cpus: cpus().length,
    pinning: pinning.note,
    otherCpuPctAtStart,
    options,
    warnings,
  };
  process.stdout.write(
    `audit-events-mock bench: ${options.rounds} round(s) × ${options.duration} s, ` +
      `${options.connections} connections, warm-up ${options.warmup} s; ${meta.node}, ${meta.cpu}\n` +
      `${pinning.note}\n${warnings.map((line) => `warning: ${line}\n`).join('')}\n`,
  );

  if (options.reloadOnly) {
    const reload = await measureReload(options.reloadFixtures, pinning.pinned, log);
    process.stdout.write(`${reloadTable(reload)}\n`);
    await writeResults('reload.json', { meta, reload });
    return 0;
  }
  const coldStartResults = await measureColdStarts(
    coldStartServers(servers),
    options,
    pinning.pinned,
  );
  if (options.coldStartOnly) {
    const figures = {
      meta,
      coldStart: coldStartResults,
      scenarios: {},
      rssAfterLoadMb: {},
      memoryGrowth: undefined,
      reload: null,
    };
    const results: BenchResults = { ...figures, targets: judgeTargets(figures) };
    process.stdout.write(`${renderReport(results)}\n`);
    await writeResults('latest.json', results);
    return 0;
  }
  const running = new Map<ServerName, RunningServer>();
  for (const name of servers) running.set(name, await startServer(name, pinning.pinned));
  const scenarios = await measureLoad(running, options);
  const rssAfterLoadMb: Partial<Record<ServerName, number>> = {};
  for (const [name, server] of running) rssAfterLoadMb[name] = rssMb(server.child.pid);
  await stopAllChildren();
  const memoryGrowth = await measureMemoryGrowth(options, pinning.pinned);
  const reload =
    options.reloadFixtures > 0
      ? await measureReload(options.reloadFixtures, pinning.pinned, log)
      : null;

  const figures = {
    meta,
    coldStart: coldStartResults,
    scenarios,
    rssAfterLoadMb,
    memoryGrowth,
    reload,
  };
  const results: BenchResults = { ...figures, targets: judgeTargets(figures) };
  process.stdout.write(`${renderReport(results)}\n`);
  await writeResults('latest.json', results);
  return 0;
}

/** Writes figures as formatted JSON under bench/results/. */
async function writeResults(name: string, figures: unknown): Promise<void> {
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  const prettier = { ...(await resolveConfig(file)), filepath: file };
  writeFileSync(file, await format(JSON.stringify(figures), prettier));
  process.stdout.write(`\nall figures: ${file}\n`);
}

process.once('exit', killAllChildrenNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.once(signal, () => {
    log(`run-bench: ${signal}, stopping the servers`);
    void stopAllChildren().finally(() => process.exit(130));
  });

main()
  .then(async (code) => {
    await stopAllChildren();
    process.exitCode = code;
  })
  .catch(async (error: unknown) => {
    log(`run-bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await stopAllChildren();
    process.exitCode = 1;
  });
