// The collectors process: reads the config once, makes sure the store is ready, then runs every
// collector and evaluator on its schedule until SIGINT/SIGTERM. Started by `npm start` beside the
// dashboard, or alone: `npx tsx collectors/main.ts`. Several may run at once; leases spread the work.
import { loadConfigOrExit, redactUrl } from '@/lib/config';
import { createLogger } from '@/lib/log';
import { closeStorePool } from '@/lib/store/pool';
import { ensureSamplePartitions } from '@/lib/store/queries/samples';
import { readyStore } from '@/lib/store/resolve';
import { startTelemetry } from '@/lib/telemetry';
import packageJson from '../package.json' with { type: 'json' };
import { createClients } from '@/lib/sources/clients';
import { registeredCollectors, registeredEvaluators } from './registry';
import { HEARTBEAT_INTERVAL_MS, heartbeatIdentity, startHeartbeat } from './runtime/heartbeat';
import { LeaseKeeper } from './runtime/leases';
import { OutputWriter } from './runtime/output';
import { JobRunner } from './runtime/runner';
import { SampleSink } from './runtime/sink';

const DAY_MS = 24 * 3600 * 1000;

const log = createLogger('collectors');
const config = loadConfigOrExit((line) => log.error(line));

const store = await readyStore((line) => log.debug({ embedded: true }, line));
process.env.DATABASE_URL = store.url;
log.info({ store: redactUrl(store.url), embedded: store.embedded, migrationsApplied: store.migrations.applied }, 'store ready');

const metricsPort = Number(process.env.TRUTHFLOW_METRICS_PORT ?? config.collectors.metricsPort);
const telemetry = await startTelemetry({
  serviceName: 'truthflow-collectors',
  prometheusPort: metricsPort,
  otlpEndpoint: config.collectors.otlpEndpoint,
});

const keepPartitions = () =>
  ensureSamplePartitions().catch((error: unknown) => log.warn({ err: error }, 'could not create sample partitions; will retry'));
await keepPartitions();
const partitionTimer = setInterval(() => void keepPartitions(), DAY_MS / 4);

const identity = heartbeatIdentity(packageJson.version);
const clients = createClients(config);
const sink = new SampleSink({ log });
const leases = new LeaseKeeper(log);
const output = new OutputWriter({ sink, log });
const evaluators = registeredEvaluators({
  dashboardUrl: process.env.TRUTHFLOW_PUBLIC_URL,
  forgetSeries: (keys) => sink.seriesIds.forget(keys),
});
const runner = new JobRunner({ config, collectors: registeredCollectors, evaluators, clients, output, leases, log });
const stopHeartbeat = startHeartbeat(identity, log, HEARTBEAT_INTERVAL_MS, {
  keys: () => runner.jobKeys(),
  lastTickAt: leases.askedAt,
  expectedGapMs: (config.collectors.intervalSeconds + config.collectors.timeoutSeconds) * 1000,
  since: Date.now(),
});
sink.start();
runner.start();
log.info(
  { processId: identity.processId, jobs: runner.jobKeys(), metrics: `http://127.0.0.1:${metricsPort}/metrics` },
  'collectors started',
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'collectors stopping');
  clearInterval(partitionTimer);
  await runner.stop();
  await sink.stop();
  await Promise.allSettled([leases.close(), clients.closeAll(), stopHeartbeat(), telemetry.shutdown()]);
  await closeStorePool();
  await store.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
