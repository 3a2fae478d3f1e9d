import { isIPv4, isIPv6 } from 'node:net';
import UAParser from 'ua-parser-js';
import type { Rule } from './rule.js';
import { perChain, perEvent } from './rule.js';

/** The oldest major of each browser we still call current (mid 2026). */
const CURRENT: Readonly<Record<string, number>> = {
  Chrome: 140,
  Edge: 140,
  Firefox: 140,
  Safari: 18,
  Opera: 120,
};
const CLI =
  /^[a-z]+-cli\/\d+\.\d+\.\d+ \((?:linux|darwin|windows); [a-z0-9_]+\) python\/3\.\d+\.\d+$/;
const API_CLIENT = /^(?:python-requests|python-httpx|curl|Go-http-client|axios)\/\d+(?:\.\d+)*$/;
const BOT = /bot|crawl|spider|headless/i;
const parsed = new Map<string, string | null>();

function browserProblem(agent: string): string | null {
  const result = new UAParser(agent).getResult();
  const name = result.browser.name ?? '';
  const oldest = CURRENT[name];
  if (oldest === undefined) return `not a current desktop browser: ${name || 'unknown'}`;
  if (Number(result.browser.major) < oldest)
    return `${name} ${result.browser.major} is out of date`;
  if (!result.os.name) return 'no operating system';
  return BOT.test(agent) ? 'a bot' : null;
}

export const userAgentPlausible: Rule = perEvent(
  'user-agent-plausible',
  'Web requests come from a current desktop browser (ua-parser-js names the browser, a major no ' +
    'older than mid-2025 releases, and the OS; no bots); cli requests from the organisation CLI ' +
    '(`<product>-cli/x.y.z (os; arch) python/3.x.y`); api requests from an HTTP client library.',
  (event) => {
    const agent = event.user_agent;
    if (agent === null) return undefined;
    switch (event.source) {
      case 'web': {
        if (!parsed.has(agent)) parsed.set(agent, browserProblem(agent));
        return parsed.get(agent) ?? null;
      }
      case 'cli':
        return CLI.test(agent) ? null : `not the CLI: ${agent}`;
      case 'api':
        return API_CLIENT.test(agent) ? null : `not an HTTP client library: ${agent}`;
      default:
        return `a user agent on ${event.source}`;
    }
  },
);

const DOC_RANGES = [/^192\.0\.2\.\d+$/, /^198\.51\.100\.\d+$/, /^203\.0\.113\.\d+$/, /^2001:db8:/];

export const addressesNeverReal: Rule = perEvent(
  'addresses-never-real',
  'Client addresses come from the documentation ranges (RFC 5737, RFC 3849), node addresses from ' +
    '10.20.0.0/16; a worker id names its node (`worker-node-NN-n`) and comes with its node address.',
  (event) => {
    const client = event.ip_address;
    if (
      client !== null &&
      (!(isIPv4(client) || isIPv6(client)) || !DOC_RANGES.some((range) => range.test(client)))
    )
      return `client address ${client}`;
    if (event.node_ip !== null && !/^10\.20\.\d+\.\d+$/.test(event.node_ip))
      return `node address ${event.node_ip}`;
    if (
      event.worker_id !== null &&
      (event.node_ip === null || !/^worker-node-\d{2}-\d$/.test(event.worker_id))
    )
      return `worker ${event.worker_id} on ${String(event.node_ip)}`;
    return client === null && event.node_ip === null ? undefined : null;
  },
);

export const peopleKeepTheirClients: Rule = perChain(
  'people-keep-their-clients',
  'A person logs in from one or two addresses and one or two browsers (plus the CLI). Exception: ' +
    'failed-login bursts come from someone else’s script, so only events in a session count.',
  (event) => (event.session_id === null ? null : event.user_id),
  (chain) => {
    const addresses = new Set(chain.map((event) => event.ip_address));
    const browsers = new Set(
      chain.filter((event) => event.source === 'web').map((event) => event.user_agent),
    );
    if (addresses.size > 2) return `${addresses.size} addresses`;
    return browsers.size > 2 ? `${browsers.size} browsers` : null;
  },
);
