import { defineConfig } from 'vitest/config';

// Two projects: `unit` (graders, runtime and the exercise corpus, on real tfjs in Node) and `e2e` (the built
// site in Debian's Chromium). `npm test` runs both; `npm run test:unit` / `test:e2e` run one.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/exercises/*.test.ts'],
          testTimeout: 120_000,
          // tfjs keeps global engine state: one fork per file keeps test files from sharing it.
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 240_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
