// `npm start`: the main job. Checks the config, starts (or reuses) the store, Kafka and OpenSearch
// for the demo shop, then runs the dashboard, the collectors process and the shop until Ctrl-C,
// and stops everything it started.
//   --no-build   serve the existing .next build (the e2e tests build once themselves)
//   --no-demo    only the dashboard and the collectors (your own truthflow.yaml, your own systems)
import path from 'node:path';
import { exposureProblem } from '@/lib/auth/exposure';
import { loadConfigOrExit, redactUrl } from '@/lib/config';
import { clearServerFaults } from '@/lib/fault-switches/switches';
import { createLogger } from '@/lib/log';
import { readyStore } from '@/lib/store/resolve';
import { shopConfigFromEnv } from '../demo/config';
import { createShopPool, resolveShopDatabase } from '../demo/db';
import { watchServerFaults, type ServerControl, type ServerFaultWatcher } from '../demo/server-faults';
import { prepareShop } from '../demo/shop';
import { startKafka, stopKafka } from './kafka';
import { ensureNextBuild } from './lib/build';
import { run, stopAll } from './lib/children';
import { sleep } from './lib/daemon';
import { adoptIfLeftBehind, OWNER_ENV, postmasterPid, watchOwner } from './lib/owner';
import { startServices, type StartedServices } from './lib/services';
import { startOpenSearch, stopOpenSearch } from './opensearch';

const log = (line: string) => console.log(`[truthflow] ${line}`);
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
const demo = !process.argv.includes('--no-demo') && process.env.TRUTHFLOW_DEMO !== '0';

const config = loadConfigOrExit((line) => console.error(line));
const exposed = exposureProblem(config, host);
if (exposed) {
  for (const line of exposed.split('\n')) console.error(`[truthflow] ${line}`);
  process.exit(2);
}
// Every server launched from here dies with this process, however it ends (scripts/lib/owner.ts).
process.env[OWNER_ENV] = String(process.pid);

let stopping = false;
let serversUp = false;
let signals = 0;
let serverFaults: ServerFaultWatcher | undefined;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  log('stopping the shop, collectors and dashboard');
  serverFaults?.stop();
  await stopAll();
  await services?.stop();
  await store.stop();
  process.exit(code);
}
// One Ctrl-C reaches this process up to three times (the terminal signals the whole group, and
// npm and tsx pass theirs on), so no count of signals may make it quit before it has stopped what
// it started. A signal during start-up is kept until the servers being launched are up, then
// everything stops: leaving early would orphan a JVM still booting.
const onSignal = (name: NodeJS.Signals) => {
  signals++;
  if (signals === 1 && serversUp) void shutdown(0);
  else if (signals === 1) log(`${name}: stopping as soon as the servers being started are up`);
  else log(`${name}: already stopping; everything this start started stops first`);
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

// The build and the JVMs are the slow parts; they overlap.
const [, services] = await Promise.all([
  process.argv.includes('--no-build') ? undefined : ensureNextBuild(log),
  demo ? startServices({ kafkaLines: ['4'], openSearch: true }, log) : undefined,
]);
for (const problem of services?.problems ?? []) {
  log(`demo: ${problem}`);
  log('demo: continuing without it; its sources will show as unknown on the dashboard');
}

const pgData = path.resolve(process.env.TRUTHFLOW_PG_DATA ?? '.truthflow/pg');
const pgBefore = process.env.DATABASE_URL ? undefined : postmasterPid(pgData);
if (pgBefore !== undefined) adoptIfLeftBehind('the embedded store', pgData, pgBefore, log, 'SIGINT');
const store = await readyStore((line) => {
  if (/error|FATAL/i.test(line)) log(`store: ${line}`);
});
log(
  `store ready: ${redactUrl(store.url)}${store.embedded ? ` (embedded PostgreSQL, data in ${process.env.TRUTHFLOW_PG_DATA ?? '.truthflow/pg'})` : ''}`,
);
const pgStarted = store.embedded && pgBefore === undefined ? postmasterPid(pgData) : undefined;
// SIGINT is PostgreSQL's fast shutdown: it ends its sessions and stops cleanly.
if (pgStarted !== undefined) watchOwner({ runDir: pgData, serverPid: pgStarted, owner: process.pid, signal: 'SIGINT' });
serversUp = true;
if (signals > 0) await shutdown(0);

/** Never resolves once a stop is under way: shutdown() ends the process, and nothing new starts meanwhile. */
function untilNotStopping(): Promise<void> {
  return stopping ? new Promise<void>(() => undefined) : Promise.resolve();
}

function demoEnv(started: StartedServices | undefined, shopUrl: string | undefined): Record<string, string> {
  if (!started) return {};
  return {
    TRUTHFLOW_DEMO: '1',
    TRUTHFLOW_URL: url,
    ...(shopUrl ? { SHOP_DATABASE_URL: shopUrl } : {}),
    ...(started.kafka['4'] ? { KAFKA_BROKERS: started.kafka['4'].bootstrap } : {}),
    ...(started.openSearch ? { OPENSEARCH_URL: started.openSearch.url } : {}),
  };
}

const shopDb = demo ? await resolveShopDatabase({ ...process.env, DATABASE_URL: store.url }, () => undefined) : undefined;
const env = { DATABASE_URL: store.url, NEXT_TELEMETRY_DISABLED: '1', ...demoEnv(services, shopDb?.url) };
const watch = (name: string, proc: ReturnType<typeof run>) =>
  proc.once('exit', (code) => {
    if (!stopping) {
      log(`${name} exited unexpectedly (code ${code}); stopping the rest`);
      void shutdown(1);
    }
  });
const shopCanRun = Boolean(services?.kafka['4'] && services.openSearch && shopDb);
if (shopCanRun) {
  // What the collectors watch must exist before their first run; the shop itself starts later.
  await prepareShop(shopConfigFromEnv(env, shopDb!.url)).catch((error: unknown) => log(`demo: ${(error as Error).message}`));
}
// A stop that began while the shop was being prepared must not be followed by new children.
await untilNotStopping();
// The binaries themselves, not `npx …`: a signal to them reaches the real process.
watch('dashboard', run('dashboard', 'node_modules/.bin/next', ['start', '-p', String(port), '-H', host], env));
watch('collectors', run('collectors', 'node_modules/.bin/tsx', ['collectors/main.ts'], env));

for (let attempt = 0; attempt < 120; attempt++) {
  if (
    await fetch(`${url}/api/health`).then(
      () => true,
      () => false,
    )
  )
    break;
  await sleep(500);
}
await untilNotStopping();
if (shopCanRun) {
  // The shop is the demo's monitored system: if it dies, Truthflow keeps running and shows it.
  run('shop', 'node_modules/.bin/tsx', ['demo/main.ts'], env).once('exit', (code) => {
    if (!stopping) log(`demo shop exited (code ${code}); the dashboard keeps running and will show its pipelines going stale`);
  });
  // This process started Kafka and OpenSearch, so it is the one that stops and restarts them when
  // the broker or search-node switch is flipped (from /demo or the CLI, which only record it).
  const launchers: ServerControl = {
    stopKafka: () => stopKafka(),
    startKafka: () => startKafka(),
    stopOpenSearch: () => stopOpenSearch(),
    startOpenSearch: () => startOpenSearch(),
  };
  const faultsDb = createShopPool(shopDb!.url, 1);
  await clearServerFaults(faultsDb).catch(() => undefined); // both servers were just started
  serverFaults = watchServerFaults(faultsDb, launchers, createLogger('server-faults'));
  log(`demo shop: placing orders; fault switches at ${url}/demo or: npx tsx scripts/demo.ts faults`);
} else if (demo) {
  log('demo shop not started: it needs Kafka and OpenSearch (see the messages above)');
}
log(`dashboard: ${url}   wall screen: ${url}/wall   health: ${url}/api/health   (Ctrl-C stops everything)`);
