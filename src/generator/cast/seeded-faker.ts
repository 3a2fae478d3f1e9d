import { createRequire } from 'node:module';
import type { Faker } from '@faker-js/faker';
import type { Random } from '../random.js';

const require = createRequire(import.meta.url);

/**
 * A faker instance of its own with the English locale, seeded from `random`, so a seed gives the
 * same cast everywhere. faker's English locale (not the whole package) is loaded the first time a
 * world is built: it takes about 50 ms, which start-up and importing the package need not pay.
 */
export function seededFaker(random: Random): Faker {
  const english = (require('@faker-js/faker/locale/en') as { faker: Faker }).faker;
  // The shared instance's class makes an instance of our own; the shared one is never reseeded.
  const FakerClass = english.constructor as typeof Faker;
  return new FakerClass({ locale: english.rawDefinitions, seed: random.int(0, 2 ** 31 - 1) });
}
