import type { Faker } from '@faker-js/faker';
import { TIMEZONES } from '../domain-values.js';
import type { Random } from '../random.js';
import { DAY, HOUR, WORLD_START } from '../time.js';
import type { Client, Role, User } from './cast.js';
import { browserAgent, cliAgent } from './clients.js';
import { seededFaker } from './seeded-faker.js';

/** Summer UTC offsets of the timezones people work in (the world spans April to June). */
const UTC_OFFSET: Readonly<Record<string, number>> = {
  'Europe/Berlin': 2,
  'Europe/Warsaw': 2,
  'Europe/London': 1,
  'Europe/Lisbon': 1,
  'America/New_York': -4,
  'America/Chicago': -5,
  UTC: 0,
};

const LOGIN_METHODS = { sso: 70, password: 25, passkey: 5 } as const;

function role(random: Random, index: number): Role {
  // The first few people run the organisation; the rest are mostly operators and viewers.
  if (index < 3) return 'admin';
  if (index === 3) return 'billing';
  return random.chance(0.65) ? 'operator' : 'viewer';
}

/** A person as faker names them: a full name and a work address on example.com. */
interface Person {
  readonly name: string;
  readonly email: string;
}

function uniquePeople(faker: Faker, count: number): Person[] {
  const people = new Map<string, Person>();
  while (people.size < count) {
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    const email = faker.internet
      .email({ firstName, lastName, provider: 'example.com', allowSpecialCharacters: false })
      .toLowerCase();
    const name = `${firstName} ${lastName}`;
    if (![...people.values()].some((person) => person.email === email))
      people.set(name, { name, email });
  }
  return [...people.values()];
}

function uniqueIds(random: Random, count: number): number[] {
  const ids = new Set<number>();
  while (ids.size < count) ids.add(random.int(1001, 48_000));
  return [...ids];
}

export interface UserContext {
  readonly random: Random;
  readonly projects: readonly string[];
  readonly nextAddress: () => string;
  readonly cliProduct: string;
}

function browsers(context: UserContext): Client[] {
  const { random, nextAddress } = context;
  const home = nextAddress();
  const first: Client = { source: 'web', ip: home, agent: browserAgent(random) };
  if (!random.chance(0.35)) return [first];
  // A second machine (a laptop at home, a desktop at the office) on another network.
  return [first, { source: 'web', ip: nextAddress(), agent: browserAgent(random) }];
}

function lifecycle(random: Random, index: number, count: number) {
  // The last few people join during the world; one or two of the others leave.
  const joins = index >= count - 3;
  const leaves = !joins && index >= 6 && random.chance(0.05);
  const at = (fromDay: number, toDay: number) =>
    WORLD_START + random.int(fromDay, toDay) * DAY + random.int(9, 11) * HOUR;
  return { joinsAt: joins ? at(8, 75) : null, leavesAt: leaves ? at(30, 84) : null };
}

function buildUser(
  context: UserContext,
  { index, count }: { readonly index: number; readonly count: number },
  { name, email }: Person,
  id: number,
): User {
  const { random, projects } = context;
  const timezone = random.pick(TIMEZONES);
  const userRole = role(random, index);
  const main = random.pick(projects);
  const second = random.chance(0.3) ? random.pick(projects.filter((p) => p !== main)) : null;
  const userBrowsers = browsers(context);
  const usesCli = userRole !== 'billing' && userRole !== 'viewer' && random.chance(0.45);
  return {
    index,
    id,
    name,
    email,
    projects: second === null ? [main] : [main, second],
    role: userRole,
    timezone,
    browsers: userBrowsers,
    cli: usesCli
      ? {
          source: 'cli',
          ip: userBrowsers[0]?.ip ?? '',
          agent: cliAgent(random, context.cliProduct),
        }
      : null,
    activity: Math.min(3, Math.max(0.15, random.logNormal(0.9, 0.8))),
    firstHour: random.int(7, 9) - (UTC_OFFSET[timezone] ?? 0),
    loginMethod: random.weighted(LOGIN_METHODS),
    mfa: random.chance(0.7),
    ...lifecycle(random, index, count),
  };
}

/** Tens of users with stable ids, named by faker, one or two browsers each, some with the CLI. */
export function buildUsers(context: UserContext): User[] {
  const count = context.random.int(40, 56);
  const people = uniquePeople(seededFaker(context.random), count);
  const ids = uniqueIds(context.random, count);
  return people.map((person, index) =>
    buildUser(context, { index, count }, person, ids[index] ?? 0),
  );
}
