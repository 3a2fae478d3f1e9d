import { createRequire } from 'node:module';
import type { Faker } from '@faker-js/faker';
import { createRandom } from './random.js';

/** Names, e-mail addresses and browser user agents made by faker, fixed for one seed. */
export interface FakerPools {
  readonly browserAgents: readonly string[];
  readonly emails: readonly string[];
  readonly fullNames: readonly string[];
  readonly projects: readonly string[];
  readonly cliProducts: readonly string[];
}

const require = createRequire(import.meta.url);

/**
 * faker's English locale only (not the whole package), loaded the first time pools are built: it
 * takes ~50 ms, which start-up need not pay (Node >= 20.19 can require an ES module).
 */
function loadEnglishFaker(): Faker {
  return (require('@faker-js/faker/locale/en') as { faker: Faker }).faker;
}

const POOL_SIZE = 64;
// faker also makes agents of browsers nobody runs any more (MSIE 6); a web console sees current ones.
const CURRENT_BROWSER = /(?:Chrome|Firefox|Version)\/\d/;
const RETIRED_BROWSER = /MSIE|Trident|Opera\/9/;

function browserAgents(faker: Faker): string[] {
  const agents: string[] = [];
  for (let attempt = 0; agents.length < POOL_SIZE && attempt < POOL_SIZE * 50; attempt += 1) {
    const agent = faker.internet.userAgent();
    if (CURRENT_BROWSER.test(agent) && !RETIRED_BROWSER.test(agent)) agents.push(agent);
  }
  return agents;
}

/**
 * Builds the pools with a faker instance of their own, seeded from `seed`, so the same seed gives
 * the same pools everywhere. Done once per generator: faker is too slow for every request.
 */
export function createFakerPools(seed: string): FakerPools {
  const englishFaker = loadEnglishFaker();
  // Its instance's class makes a seeded instance of our own.
  const FakerClass = englishFaker.constructor as typeof Faker;
  const faker = new FakerClass({
    locale: englishFaker.rawDefinitions,
    seed: createRandom('faker-pools', seed).int(0, 2 ** 31 - 1),
  });
  const many = <T>(make: () => T): T[] => Array.from({ length: POOL_SIZE }, make);
  return {
    browserAgents: browserAgents(faker),
    emails: many(() => faker.internet.email({ provider: 'example.com' }).toLowerCase()),
    fullNames: many(() => faker.person.fullName()),
    projects: many(() => `prj-${faker.word.noun({ length: { min: 4, max: 10 } }).toLowerCase()}`),
    cliProducts: ['acme', 'platform', 'cloudctl', 'opsctl'],
  };
}
