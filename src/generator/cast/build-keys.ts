import type { Random } from '../random.js';
import { DAY, HOUR, WORLD_START } from '../time.js';
import type { ApiKey, Client, KeyPurpose, User } from './cast.js';
import { apiAgent, cliAgent } from './clients.js';

const SCOPES: Readonly<Record<KeyPurpose, readonly string[]>> = {
  'ci-deploy': ['tasks:read', 'tasks:write'],
  terraform: ['vms:read', 'vms:write'],
  'grafana-reader': ['audit:read'],
  'backup-cron': ['tasks:write'],
};
/** How likely a project has a key of each purpose. */
const PER_PROJECT: Readonly<Record<KeyPurpose, number>> = {
  'ci-deploy': 0.85,
  terraform: 0.7,
  'grafana-reader': 0.4,
  'backup-cron': 0.4,
};
const PURPOSES = Object.keys(PER_PROJECT) as KeyPurpose[];

export interface KeyContext {
  readonly random: Random;
  readonly projects: readonly string[];
  readonly users: readonly User[];
  readonly nextAddress: () => string;
  readonly cliProduct: string;
}

function client(context: KeyContext, purpose: KeyPurpose): Client {
  const { random } = context;
  // CI jobs sometimes drive the organisation's CLI instead of calling the API themselves.
  if (purpose === 'ci-deploy' && random.chance(0.3))
    return {
      source: 'cli',
      ip: context.nextAddress(),
      agent: cliAgent(random, context.cliProduct),
    };
  return { source: 'api', ip: context.nextAddress(), agent: apiAgent(random, purpose) };
}

function buildKey(context: KeyContext, index: number, project: string, purpose: KeyPurpose) {
  const { random, users } = context;
  // Keys belong to people who stay for the whole world and may write in the project.
  const owners = users.filter(
    (user) =>
      user.projects.includes(project) &&
      (user.role === 'operator' || user.role === 'admin') &&
      user.joinsAt === null &&
      user.leavesAt === null,
  );
  if (owners.length === 0) return null;
  const before = random.chance(0.8);
  const key: ApiKey = {
    index,
    id: `key_${random.hex(16)}`,
    name: purpose,
    owner: random.pick(owners),
    project,
    scopes: SCOPES[purpose],
    client: client(context, purpose),
    createdAt: before
      ? WORLD_START - random.int(10, 250) * DAY
      : WORLD_START + random.int(5, 60) * DAY + random.int(9, 16) * HOUR,
    expiresInDays: before ? 365 : 90,
    revokedAround: random.chance(0.18)
      ? WORLD_START + random.int(20, 84) * DAY + random.int(9, 16) * HOUR
      : null,
  };
  return key;
}

/** A few API keys per owner: CI, Terraform, dashboards and backup jobs, per project. */
export function buildKeys(context: KeyContext): ApiKey[] {
  const keys: ApiKey[] = [];
  const add = (project: string, purpose: KeyPurpose) => {
    const key = buildKey(context, keys.length, project, purpose);
    if (key) keys.push(key);
  };
  for (const project of context.projects)
    for (const purpose of PURPOSES)
      if (context.random.chance(PER_PROJECT[purpose])) add(project, purpose);
  // Every organisation has at least one key of each kind somewhere.
  for (const purpose of PURPOSES)
    for (let tries = 0; tries < 20 && !keys.some((key) => key.name === purpose); tries += 1)
      add(context.random.pick(context.projects), purpose);
  return keys;
}
