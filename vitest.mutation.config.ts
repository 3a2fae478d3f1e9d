import { defineConfig } from 'vitest/config';

// The tests Stryker runs against each mutant of the engine (`npm run mutation`): the engine's own
// tests and the unit tests of what it calls. Chosen by `include` rather than Stryker's
// `testFiles`, which leaves mutants of module-level constants unactivated.
export default defineConfig({
  test: {
    include: [
      'test/engine/**/*.test.ts',
      'test/units.test.ts',
      'test/preferences.test.ts',
      'test/faults.test.ts',
    ],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
