import { NODE_IPS, REGIONS } from '../domain-values.js';
import type { Random } from '../random.js';
import type { Node } from './cast.js';

/** The ~20 nodes of the platform, spread over the regions, with two to four workers each. */
export function buildNodes(random: Random): Node[] {
  return NODE_IPS.map((ip, index) => {
    const name = `node-${String(index + 1).padStart(2, '0')}`;
    const region = REGIONS[index % REGIONS.length] ?? 'eu-west-1';
    return {
      index,
      name,
      ip,
      region,
      zone: `${region}${'abc'.charAt(Math.floor(index / REGIONS.length) % 3)}`,
      cpus: random.pick([32, 64]),
      memoryGb: random.pick([128, 256]),
      workers: Array.from({ length: random.int(2, 4) }, (_, n) => `worker-${name}-${n + 1}`),
      version: '1.18.2',
    };
  });
}
