// Playwright e2e against the built app, served by the same start script users run (collectors
// included), on a port of its own. Debian's Chromium; no browser download.
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const DEMO = process.env.E2E_DEMO === '1';
// The first pass points every monitored source at a closed port, whatever else runs on this
// machine (the tests' own Kafka and OpenSearch stay up between the passes): sources really down.
const SOURCES_DOWN = {
  SHOP_DATABASE_URL: 'postgres://postgres@127.0.0.1:9/truthflow_shop',
  KAFKA_BROKERS: '127.0.0.1:9',
  OPENSEARCH_URL: 'http://127.0.0.1:9',
  REDIS_NODES: '127.0.0.1:9',
};
export const E2E_BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'e2e',
  // Two passes (scripts/test.ts runs both): the app with its sources down, where every panel must
  // say unknown rather than 0; then the full demo stack (E2E_DEMO=1) for the fault-switch specs.
  testMatch: DEMO ? 'demo/**/*.spec.ts' : '**/*.spec.ts',
  testIgnore: DEMO ? [] : ['demo/**'],
  outputDir: 'test-results',
  globalSetup: './e2e/fixtures/detection-rows-reset.ts',
  timeout: 60_000,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: E2E_BASE_URL,
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.TRUTHFLOW_CHROMIUM ?? '/usr/bin/chromium',
      // Without these Chromium keeps dialling Google's hosts, which this network refuses.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `node --import tsx scripts/start.ts --no-build${DEMO ? '' : ' --no-demo'}`,
    url: `${E2E_BASE_URL}/`,
    // The full demo: shop, Kafka, OpenSearch, collectors every 5 s so faults show within seconds.
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      TRUTHFLOW_INTERVAL_SECONDS: '5',
      TRUTHFLOW_TIMEOUT_SECONDS: '4',
      TRUTHFLOW_METRICS_PORT: '9474',
      ...(DEMO ? {} : SOURCES_DOWN),
    },
    timeout: 180_000,
    reuseExistingServer: false,
    // SIGTERM to the whole process group, so the start script stops the store and collectors cleanly.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 60_000 },
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
