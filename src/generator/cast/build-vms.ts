import { GPU_REGIONS, REGIONS, VM_IMAGES } from '../domain-values.js';
import type { Random } from '../random.js';
import { DAY, HOUR, WORLD_START } from '../time.js';
import type { User, Vm } from './cast.js';

const SIZES = {
  'standard-2': 30,
  'standard-4': 30,
  'standard-8': 15,
  'highmem-4': 12,
  'highmem-16': 6,
};

function owners(users: readonly User[], project: string): User[] {
  return users.filter(
    (user) =>
      user.projects[0] === project &&
      user.role !== 'viewer' &&
      user.role !== 'billing' &&
      user.joinsAt === null,
  );
}

function buildVm(random: Random, index: number, project: string, owner: User, region: string): Vm {
  const before = random.chance(0.65);
  const createdAt = before
    ? WORLD_START - random.int(5, 400) * DAY
    : WORLD_START + random.int(1, 80) * DAY + random.int(8, 17) * HOUR;
  const lastDay = (createdAt - WORLD_START) / DAY + 3;
  const deleted = random.chance(0.2) && lastDay < 86;
  const gpu = GPU_REGIONS.includes(region) && random.chance(0.08);
  return {
    index,
    id: random.uuid(),
    project,
    owner,
    image: random.pick(VM_IMAGES),
    region,
    diskGb: random.pick([20, 50, 100, 250]),
    size: gpu ? 'gpu-a10-1' : random.weighted(SIZES),
    createdAt,
    deletedAround: deleted
      ? WORLD_START +
        random.int(Math.max(1, Math.ceil(lastDay)), 88) * DAY +
        random.int(8, 17) * HOUR
      : null,
    nightlySnapshots: random.chance(0.35),
  };
}

/** Each project's VMs: most exist before the world starts, some are created and deleted in it. */
export function buildVms(
  random: Random,
  projects: readonly string[],
  users: readonly User[],
): Vm[] {
  const vms: Vm[] = [];
  for (const project of projects) {
    const candidates = owners(users, project);
    if (candidates.length === 0) continue;
    const region = random.pick(REGIONS);
    for (let n = random.int(6, 14); n > 0; n -= 1)
      vms.push(buildVm(random, vms.length, project, random.pick(candidates), region));
  }
  return vms;
}
