import { CLI_PRODUCTS, PROJECT_WORDS } from '../domain-values.js';
import type { Random } from '../random.js';
import { buildKeys } from './build-keys.js';
import { buildNodes } from './build-nodes.js';
import { buildUsers } from './build-users.js';
import { buildVms } from './build-vms.js';
import type { Cast } from './cast.js';
import { createAddressPool } from './clients.js';

function projects(random: Random): string[] {
  const names = new Set<string>();
  const count = random.int(5, 7);
  while (names.size < count) names.add(`prj-${random.pick(PROJECT_WORDS)}`);
  return [...names];
}

/** The cast of a world: everything in it is drawn from `random`, in a fixed order. */
export function buildCast(random: Random): Cast {
  const projectNames = projects(random);
  const nextAddress = createAddressPool(random);
  const cliProduct = random.pick(CLI_PRODUCTS);
  const users = buildUsers({ random, projects: projectNames, nextAddress, cliProduct });
  return {
    projects: projectNames,
    users,
    keys: buildKeys({ random, projects: projectNames, users, nextAddress, cliProduct }),
    nodes: buildNodes(random),
    vms: buildVms(random, projectNames, users),
  };
}
