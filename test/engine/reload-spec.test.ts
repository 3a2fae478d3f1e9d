import { describe, expect, it } from 'vitest';
import { testEngine } from '../helpers/engine.js';

describe('reading the spec file again', () => {
  it('keeps the generator of the seed’s world rather than building the world again', () => {
    const engine = testEngine();
    const before = engine.generate;
    const event = before('evt_reload');
    engine.reloadSpec();
    expect(engine.generate).toBe(before);
    expect(engine.generate('evt_reload')).toEqual(event);
  });
});
