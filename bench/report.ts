import { reloadTable } from './reload.js';
import type { BenchResults, ScenarioResult, ServerScenarioResult } from './results.js';
import { unexpectedStatuses } from './results.js';
import { SCENARIOS, type ScenarioName, type ServerName } from './scenarios.js';
import { SERVER_LABELS } from './servers.js';
import { ratio } from './stats.js';
import { renderTable } from './table.js';

const LOAD_GENERATOR_BUSY_PCT = 90;
const NOISY_PCT = 15;

const fixed = (value: number, digits = 0) => (Number.isNaN(value) ? 'n/a' : value.toFixed(digits));
const times = (value: number) => (Number.isNaN(value) ? 'n/a' : `${value.toFixed(2)}×`);

function statuses(result: ServerScenarioResult): string {
  const entries = Object.entries(result.statusCodes).sort(([, a], [, b]) => b - a);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  const text = entries
    .map(([code, count]) =>
      entries.length === 1 ? code : `${code} ${((count / total) * 100).toFixed(1)}%`,
    )
    .join(', ');
  return unexpectedStatuses(result).length > 0 ? `${text} (!)` : text;
}

function scenarioTable(name: ScenarioName, scenario: ScenarioResult): string {
  const bare = scenario.servers.bare?.median;
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const server of SCENARIOS[name].servers) {
    const result = scenario.servers[server];
    if (!result) continue;
    const m = result.median;
    rows.push([
      SERVER_LABELS[server],
      fixed(m.requestsPerSec),
      fixed(m.p50Ms),
      fixed(m.p99Ms),
      fixed(m.non2xx),
      fixed(m.errors + m.timeouts),
      statuses(result),
      fixed(m.rssMb, 1),
      fixed(m.serverCpuPct),
      fixed(m.loadGeneratorCpuPct),
      times(ratio(m.requestsPerSec, bare?.requestsPerSec)),
      times(ratio(m.p99Ms, bare?.p99Ms)),
    ]);
    if (result.caveat) notes.push(`${SERVER_LABELS[server]}: ${result.caveat}`);
    if (unexpectedStatuses(result).length > 0)
      notes.push(`(!) ${SERVER_LABELS[server]}: expected only ${result.expectedStatus}`);
    if (m.loadGeneratorCpuPct > LOAD_GENERATOR_BUSY_PCT)
      notes.push(`${SERVER_LABELS[server]}: load generator near saturation, req/s may be capped`);
    if (m.otherCpuPct > NOISY_PCT)
      notes.push(
        `${SERVER_LABELS[server]}: other processes used ${fixed(m.otherCpuPct)}% CPU: noisy`,
      );
  }
  const ours = scenario.servers.ours?.median.requestsPerSec;
  for (const prism of ['prism', 'prism-dynamic'] as const) {
    const other = scenario.servers[prism]?.median.requestsPerSec;
    if (ours !== undefined && other !== undefined)
      notes.push(`audit-events-mock / ${SERVER_LABELS[prism]} req/s: ${times(ratio(ours, other))}`);
  }
  const header = ['server', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'statuses'];
  header.push('RSS MB', 'srv CPU%', 'gen CPU%', 'req/s ×bare', 'p99 ×bare');
  const table = renderTable(header, rows);
  return [`== ${name}: ${scenario.summary}`, table, ...notes.map((note) => `   ${note}`)].join(
    '\n',
  );
}

function coldStartTable(results: BenchResults): string {
  const bare = results.coldStart.bare;
  const rows = Object.entries(results.coldStart).map(([server, cold]) => [
    SERVER_LABELS[server as ServerName],
    fixed(cold.medianMs),
    times(ratio(cold.medianMs, bare?.medianMs)),
    fixed(cold.medianCpuMs),
    times(ratio(cold.medianCpuMs, bare?.medianCpuMs)),
    cold.samplesMs.map((sample) => fixed(sample)).join(', '),
  ]);
  const ours = results.coldStart.ours?.medianMs;
  const prism = results.coldStart.prism?.medianMs;
  return [
    '== cold start: spawn to the first 200 on the event route (wall time), and the CPU time the server used by then',
    renderTable(
      ['server', 'median ms', '×bare', 'CPU ms', 'CPU ×bare', 'samples ms (in order)'],
      rows,
    ),
    `   audit-events-mock / prism (static): ${times(ratio(ours, prism))}; ×bare: against bare express`,
  ].join('\n');
}

function memoryTable(results: BenchResults): string | undefined {
  const growth = results.memoryGrowth;
  if (!growth) return undefined;
  const rows = Object.entries(results.rssAfterLoadMb).map(([server, mb]) => [
    SERVER_LABELS[server as ServerName],
    fixed(mb, 1),
  ]);
  return [
    '== resident memory after the load',
    renderTable(['server', 'RSS MB'], rows),
    '',
    `== memory of a fresh audit-events-mock under generated-large (journal on): RSS sampled every 100 ms over the next ${growth.windowRequests.toLocaleString('en')} requests`,
    renderTable(
      ['after requests', 'median MB', 'min MB', 'max MB', 'samples'],
      [
        ['0 (idle, after start)', fixed(growth.rssIdleMb, 1), '', '', '1'],
        ...growth.readings.map((reading) => [
          reading.afterRequests.toLocaleString('en'),
          fixed(reading.medianMb, 1),
          fixed(reading.minMb, 1),
          fixed(reading.maxMb, 1),
          String(reading.samples),
        ]),
      ],
    ),
    `   growth, median of the last reading against the first: ${fixed(growth.growth * 100, 1)}% (ratio ${fixed(1 + growth.growth, 3)})`,
  ].join('\n');
}

function targetsTable(results: BenchResults): string {
  const rows = results.targets.map((target) => [
    target.name,
    target.value,
    target.pass === undefined ? 'n/a' : target.pass ? 'PASS' : 'MISS',
  ]);
  return ['== targets', renderTable(['target', 'measured', ''], rows)].join('\n');
}

export function renderReport(results: BenchResults): string {
  const sections = Object.entries(results.scenarios).map(([name, scenario]) =>
    scenarioTable(name as ScenarioName, scenario),
  );
  return [
    ...sections,
    coldStartTable(results),
    memoryTable(results),
    ...(results.reload ? [reloadTable(results.reload)] : []),
    targetsTable(results),
  ]
    .filter((section) => section !== undefined)
    .join('\n\n');
}
