import type { EventKind, EventStatus, HttpMethod } from './event-kinds.js';
import type { FakerPools } from './create-faker-pools.js';
import type { Random } from './random.js';
import {
  API_CLIENT_AGENTS,
  CLI_PLATFORMS,
  CLI_VERSIONS,
  IPV4_DOC_PREFIXES,
} from './domain-values.js';

/** The HTTP-request fields of an event that came in through web, api or cli. */
export interface HttpDetails {
  readonly request_id: string;
  readonly http_method: HttpMethod;
  readonly path: string;
  readonly http_status: number;
  readonly latency_ms: number;
  readonly ip_address: string;
  readonly user_agent: string;
}

export type HttpSource = 'web' | 'api' | 'cli';

const CREATED = new Set(['created', 'submitted', 'invited', 'snapshot_created', 'token_issued']);
const ACCEPTED = new Set(['started', 'stopped', 'restarted', 'resized', 'retried', 'cancelled']);

function successStatus(kind: EventKind, method: HttpMethod): number {
  if (method === 'DELETE') return 204;
  if (method === 'POST' && CREATED.has(kind.action)) return 201;
  if (method === 'POST' && ACCEPTED.has(kind.action)) return 202;
  return 200;
}

function deniedStatus(random: Random, kind: EventKind): number {
  if (kind.action === 'rate_limited') return 429;
  if (kind.action === 'permission_denied') return 403;
  if (kind.group === 'auth' || kind.action === 'rejected') return 401;
  return random.pick([401, 403, 429]);
}

function httpStatus(
  random: Random,
  kind: EventKind,
  method: HttpMethod,
  status: EventStatus,
): number {
  switch (status) {
    case 'success':
      return successStatus(kind, method);
    case 'failure':
      return random.pick([400, 404, 409, 422]);
    case 'denied':
      return deniedStatus(random, kind);
    case 'error':
      return random.pick([500, 502, 503, 504]);
    default:
      throw new Error(
        `Unknown status "${String(status)}"; expected success, failure, denied or error.`,
      );
  }
}

function latency(random: Random, kind: EventKind, method: HttpMethod, code: number): number {
  const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
  let ms: number;
  if (code === 401 || code === 403) ms = clamp(random.logNormal(6, 0.5), 2, 15);
  else if (kind.group === 'auth' && kind.action.startsWith('login'))
    ms = clamp(random.logNormal(230, 0.25), 150, 350);
  else ms = clamp(random.logNormal(method === 'GET' ? 25 : 80, 0.6), 1, 30_000);
  return Math.round(ms * 100) / 100;
}

function clientAddress(random: Random): string {
  if (random.chance(0.15)) {
    const group = () => random.int(1, 0xffff).toString(16);
    return `2001:db8:${group()}:${group()}::${group()}`;
  }
  return `${random.pick(IPV4_DOC_PREFIXES)}.${random.int(1, 254)}`;
}

function userAgent(random: Random, pools: FakerPools, source: HttpSource): string {
  switch (source) {
    case 'web':
      return random.pick(pools.browserAgents);
    case 'cli':
      return `${random.pick(pools.cliProducts)}-cli/${random.pick(CLI_VERSIONS)} ${random.pick(CLI_PLATFORMS)}`;
    case 'api':
      return random.pick(API_CLIENT_AGENTS);
    default:
      throw new Error(`Unknown HTTP source "${String(source)}"; expected web, api or cli.`);
  }
}

/** Builds the request fields; `path` has its `{placeholders}` filled from `ids`. */
export function httpDetails(
  random: Random,
  pools: FakerPools,
  kind: EventKind & { readonly http: NonNullable<EventKind['http']> },
  source: HttpSource,
  status: EventStatus,
  ids: Readonly<Record<string, string>>,
): HttpDetails {
  const { method } = kind.http;
  const code = httpStatus(random, kind, method, status);
  return {
    request_id: random.hex(32),
    http_method: method,
    path: kind.http.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? random.uuid()),
    http_status: code,
    latency_ms: latency(random, kind, method, code),
    ip_address: clientAddress(random),
    user_agent: userAgent(random, pools, source),
  };
}
