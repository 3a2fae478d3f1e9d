// Mutation testing of the engine (`npm run mutation`): Stryker mutates the engine's stages and
// runs the tests that exercise them; a surviving mutant is a change no test notices.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  mutate: ['src/engine/**/*.ts', 'src/wire/unquote-path.ts', 'src/wire/quote-url.ts'],
  coverageAnalysis: 'perTest',
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/engine.html' },
  thresholds: { high: 95, low: 90, break: 90 },
  concurrency: 2,
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['dist', 'bench/results', 'reports', '.stryker-tmp', '.bench'],
};
