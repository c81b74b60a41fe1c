import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          setupFiles: ['test/helpers/no-real-aws.ts', 'test/helpers/own-tmpdir.ts'],
          // A CLI test runs a whole (replayed) scan: about 1 s alone, but several
          // seconds on 2 cores under a parallel suite. 5 s flaked; 60 s is the budget.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          setupFiles: ['test/helpers/no-real-aws.ts', 'test/helpers/own-tmpdir.ts'],
          // One moto server for the suite; files reset it, so they run one at a time.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
