import { defineConfig } from 'vitest/config';

const shared = { testTimeout: 20_000, hookTimeout: 30_000 };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.e2e.test.ts'],
        },
      },
      {
        // Headless Chromium (Debian's, never a downloaded build): `npm test` runs it too.
        test: { ...shared, name: 'browser', include: ['test/**/*.e2e.test.ts'] },
      },
    ],
  },
});
