// `npm test`: type-check, lint, unit tests, integration tests against real Postgres/Kafka/OpenSearch,
// then Playwright against the built app. Installs and starts what it needs, runs every step even
// after a failure (so one run shows everything), and ends with one summary line.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium';
import { ensureNextBuild } from './lib/build';
import { runToEnd } from './lib/children';
import { startServices } from './lib/services';

const log = (line: string) => console.log(`[test] ${line}`);
const E2E_STORE = '.truthflow/e2e-pg';
const results: { step: string; ok: boolean; seconds: number }[] = [];

async function step(name: string, body: () => Promise<boolean>): Promise<void> {
  log(`── ${name}`);
  const started = Date.now();
  let ok: boolean;
  try {
    ok = await body();
  } catch (error) {
    console.error(`[test] ${name}: ${(error as Error).message}`);
    ok = false;
  }
  results.push({ step: name, ok, seconds: Math.round((Date.now() - started) / 1000) });
}

const cmd =
  (command: string, ...args: string[]) =>
  async () =>
    (await runToEnd(command, args)) === 0;
const started = Date.now();

await step('prepare', async () => {
  await ensureChromium(log);
  return (await runToEnd('npx', ['next', 'typegen'], { NEXT_TELEMETRY_DISABLED: '1' })) === 0;
});
// Kafka and OpenSearch stay up from the integration tests through e2e (the demo shop uses them).
// They boot while the checks below run; the JVMs mostly wait on I/O and the checks on one core.
const servicesStarting = startServices({ kafkaLines: ['4', '3.9'], openSearch: true }, log);
// Ten full `npm start`s interrupted by Ctrl-C take minutes of JVM boots on ports of their own, so
// they run beside the checks and the unit tests, once the servers' artifacts are fetched (both
// would fetch into the same cache) and the dashboard is built (the e2e passes reuse that build).
const CTRL_C_TEST = 'scripts/start-stop.int.test.ts';
const CTRL_C_LOG = '.truthflow/ctrl-c-starts.log';
const ctrlCStarted = Date.now();
const ctrlC = servicesStarting
  .then(() => ensureNextBuild(log))
  .then(async () => (await runToEnd('npx', ['vitest', 'run', '--project', 'int', CTRL_C_TEST], {}, CTRL_C_LOG)) === 0)
  .catch((error: unknown) => {
    console.error(`[test] ctrl-c starts: ${(error as Error).message}`);
    return false;
  });
await step('typecheck', cmd('npx', 'tsc', '--noEmit', '-p', '.'));
// Layer boundaries, import cycles, floating promises, and the formatter's verdict.
await step('lint', cmd('npm', 'run', '--silent', 'lint'));
await step('unit', cmd('npx', 'vitest', 'run', '--project', 'unit'));
const services = await servicesStarting;
await step('integration', async () => {
  // Tests whose server did not start still run and fail with their own message.
  for (const problem of services.problems) console.error(`[test] service problem: ${problem}`);
  return (await runToEnd('npx', ['vitest', 'run', '--project', 'int'], { TRUTHFLOW_CTRL_C_APART: '1' })) === 0;
});
await step('ctrl-c starts', async () => {
  const ok = await ctrlC;
  log(`ctrl-c starts (${CTRL_C_TEST}) ran beside the steps above for ${Math.round((Date.now() - ctrlCStarted) / 1000)} s; its output:`);
  console.log(existsSync(CTRL_C_LOG) ? readFileSync(CTRL_C_LOG, 'utf8') : '(none: it never ran)');
  return ok;
});
// Two e2e passes (playwright.config.ts picks the specs): the app with its sources down, then the
// full demo stack with the fault switches. Each starts from a fresh store, so SLO budgets and alerts
// from an earlier run cannot leak into this one.
for (const [name, demo] of [
  ['e2e', '0'],
  ['e2e demo', '1'],
] as const) {
  await step(name, async () => {
    await ensureNextBuild(log);
    rmSync(E2E_STORE, { recursive: true, force: true });
    return (
      (await runToEnd('npx', ['playwright', 'test'], {
        E2E_DEMO: demo,
        TRUTHFLOW_PG_PORT: process.env.TRUTHFLOW_E2E_PG_PORT ?? '54400',
        TRUTHFLOW_PG_DATA: E2E_STORE,
      })) === 0
    );
  });
}
await services.stop();

const passed = results.every((r) => r.ok);
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(
  `TRUTHFLOW TEST SUMMARY: ${results.map((r) => `${r.step} ${r.ok ? 'ok' : 'FAILED'} (${r.seconds}s)`).join(' · ')} — ` +
    `${passed ? 'PASSED' : 'FAILED'} in ${minutes} min`,
);
process.exit(passed ? 0 : 1);
