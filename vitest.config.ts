import { defineConfig } from 'vitest/config';
import path from 'node:path';

// Two tiers: unit tests run anywhere in seconds; integration tests need the real Postgres, Kafka
// and OpenSearch that scripts/ start, so they run one file at a time with long timeouts.
export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // Loaders start with `import 'server-only'`, which throws outside a react-server bundle.
      'server-only': path.resolve(import.meta.dirname, 'e2e/fixtures/server-only-stub.ts'),
    },
  },
  test: {
    // Collectors log warnings on every simulated fault; keep test output readable unless asked.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{lib,collectors,app,components,scripts,demo}/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'int',
          include: ['{lib,collectors,app,scripts,demo}/**/*.int.test.ts'],
          // `npm test` runs the ten Ctrl-C'd starts beside the other steps, not in this run too.
          exclude: ['**/node_modules/**', ...(process.env.TRUTHFLOW_CTRL_C_APART === '1' ? ['scripts/start-stop.int.test.ts'] : [])],
          testTimeout: 240_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
