import autocannon from 'autocannon';
import type { Scenario } from './scenarios.js';
import { cpuSeconds, rssMb, systemBusyCpuSeconds } from './processes.js';

/** What one autocannon run against one server measured. */
export interface RunFigures {
  readonly requestsPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly totalRequests: number;
  /** answers per HTTP status */
  readonly statusCodes: Record<string, number>;
  /** server RSS right after the run */
  readonly rssMb: number;
  /** server CPU use during the run, 100 = one core */
  readonly serverCpuPct: number;
  /** this process's (the load generator's) CPU use during the run, 100 = one core */
  readonly loadGeneratorCpuPct: number;
  /** CPU use of every other process during the run, 100 = one core: noise if high */
  readonly otherCpuPct: number;
}

export interface LoadTarget {
  readonly url: string;
  readonly pid: number;
}

/** Either `duration` seconds or exactly `amount` requests. */
export type LoadSize = { readonly duration: number } | { readonly amount: number };

export async function runLoad(
  target: LoadTarget,
  scenario: Scenario,
  connections: number,
  size: LoadSize,
): Promise<RunFigures> {
  const serverCpuBefore = cpuSeconds(target.pid);
  const ownCpuBefore = process.cpuUsage();
  const systemBefore = systemBusyCpuSeconds();
  const wallBefore = performance.now();
  const result = await autocannon({
    url: target.url,
    connections,
    headers: { ...scenario.headers },
    requests: scenario.requests(),
    ...size,
  });
  const wallSeconds = (performance.now() - wallBefore) / 1000;
  const ownCpu = process.cpuUsage(ownCpuBefore);
  const serverCpu = cpuSeconds(target.pid) - serverCpuBefore;
  const ownCpuSeconds = (ownCpu.user + ownCpu.system) / 1e6;
  const otherCpu = systemBusyCpuSeconds() - systemBefore - serverCpu - ownCpuSeconds;
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]),
  );
  return {
    requestsPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    totalRequests: result.latency.totalCount,
    statusCodes,
    rssMb: rssMb(target.pid),
    serverCpuPct: (serverCpu / wallSeconds) * 100,
    loadGeneratorCpuPct: (ownCpuSeconds / wallSeconds) * 100,
    otherCpuPct: Math.max(0, (otherCpu / wallSeconds) * 100),
  };
}
