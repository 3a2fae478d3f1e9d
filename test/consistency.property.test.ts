import { beforeAll, describe, expect, it } from 'vitest';
import { createEventGenerator } from '../src/generator/create-event-generator.js';
import {
  CHAIN_RULES,
  checkConsistency,
  EVENT_RULES,
} from './helpers/consistency/check-consistency.js';
import type { Event } from './helpers/consistency/rule.js';

const SEEDS = ['audit-events-mock', 'seed-1', 'seed-2'];
const SAMPLE = 20_000;

describe.each(SEEDS)('the world of seed "%s"', (seed) => {
  let world: Event[] = [];
  let sample: Event[] = [];
  beforeAll(() => {
    const make = createEventGenerator(seed);
    world = [...make.worldEvents()];
    sample = Array.from({ length: SAMPLE }, (_, index) => make(`evt_gen_${index + 1}`));
  }, 120_000);

  it('holds more than 20,000 events', () => {
    expect(world.length).toBeGreaterThan(20_000);
  });

  it.each(EVENT_RULES.map((rule) => [rule.name, rule] as const))(
    'keeps "%s" on every event of the world and of 20,000 arbitrary ids',
    (_, rule) => {
      for (const events of [world, sample]) {
        const [result] = checkConsistency(events, [rule]);
        expect(result?.checked).toBeGreaterThan(0);
        expect(result?.broken.slice(0, 5)).toEqual([]);
      }
    },
  );

  it('answers each of 20,000 arbitrary ids with one of the world’s events, under that id', () => {
    // So the events of arbitrary ids that share a user, session, VM or trace are part of one of
    // the world's chains below, in its order: a sample of a story, never a contradiction of it.
    const withoutId = (event: Event) => JSON.stringify({ ...event, id: '' });
    const events = new Set(world.map(withoutId));
    expect(sample.filter((event) => !events.has(withoutId(event))).map((e) => e.id)).toEqual([]);
  });

  it.each(CHAIN_RULES.map((rule) => [rule.name, rule] as const))(
    'keeps "%s" on every chain of the world',
    (_, rule) => {
      const [result] = checkConsistency(world, [rule]);
      expect(result?.checked).toBeGreaterThan(0);
      expect(result?.broken.slice(0, 5)).toEqual([]);
    },
  );
});
