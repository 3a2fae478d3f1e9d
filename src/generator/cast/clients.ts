import { BROWSER_AGENTS } from '../browser-agents.js';
import { CLI_PLATFORMS, CLI_VERSIONS, IPV4_DOC_PREFIXES } from '../domain-values.js';
import type { Random } from '../random.js';
import type { KeyPurpose } from './cast.js';

const BROWSER_TOTAL = BROWSER_AGENTS.reduce((sum, [, weight]) => sum + weight, 0);

/** A current desktop browser, as often as it is seen in the wild. */
export function browserAgent(random: Random): string {
  let roll = random.next() * BROWSER_TOTAL;
  for (const [agent, weight] of BROWSER_AGENTS) {
    roll -= weight;
    if (roll < 0) return agent;
  }
  return BROWSER_AGENTS[0]?.[0] ?? '';
}

/** The organisation's CLI on one workstation. */
export function cliAgent(random: Random, product: string): string {
  return `${product}-cli/${random.pick(CLI_VERSIONS)} ${random.pick(CLI_PLATFORMS)}`;
}

/** The HTTP client a key's automation uses: the tool decides the library. */
export function apiAgent(random: Random, purpose: KeyPurpose): string {
  switch (purpose) {
    case 'ci-deploy':
      return random.pick(['python-requests/2.31.0', 'python-httpx/0.27.0']);
    case 'terraform':
      return 'Go-http-client/2.0';
    case 'grafana-reader':
      return 'Go-http-client/1.1';
    case 'backup-cron':
      return random.pick(['curl/8.5.0', 'axios/1.6.8']);
    default:
      throw new Error(
        `Unknown key purpose "${String(purpose)}"; expected ci-deploy, terraform, grafana-reader or backup-cron.`,
      );
  }
}

/** Hands out client addresses from the documentation ranges, each once (about 15% IPv6). */
export function createAddressPool(random: Random): () => string {
  const used = new Set<string>();
  const group = () => random.int(1, 0xffff).toString(16);
  return () => {
    for (;;) {
      const address = random.chance(0.15)
        ? `2001:db8:${group()}:${group()}::${group()}`
        : `${random.pick(IPV4_DOC_PREFIXES)}.${random.int(1, 254)}`;
      if (!used.has(address)) {
        used.add(address);
        return address;
      }
    }
  };
}
