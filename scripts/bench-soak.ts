// npm run bench:soak — an accelerated soak of Truthflow's own jobs against a real store: 30
// simulated days (BENCH_SOAK_DAYS) of lag for 10,000 consumer groups, two outboxes whose SLOs burn
// and alert now and then, spans arriving through the OTLP receiver, the retention job, a 4-hour
// store outage (the bench's own embedded PostgreSQL is stopped) and an 8-hour webhook outage.
// Every job takes `now` from the simulated clock. It prints the store's size per simulated day and
// four goals: the size levels off after the retention horizon, RSS grows < 10 % from the end of
// day 1, every fired alert is delivered, and samples dropped during the outage (with the slices of
// their minutes). A benchmark, not a test: it prints figures for the README.
//
// The other knobs (scripts/bench-soak/env.ts): BENCH_SOAK_GROUPS, BENCH_SOAK_LAG_STEP_MINUTES,
// BENCH_SOAK_TICK_MINUTES, BENCH_SOAK_INCIDENT_TICK_MINUTES, BENCH_SOAK_SINK_MAX, BENCH_SOAK_SPANS_PER_STEP.
import { createLogger } from '@/lib/log';
import { closeStorePool } from '@/lib/store/pool';
import { soakConfig, SOAK_RETENTION } from './bench-soak/config';
import { soakOptions } from './bench-soak/env';
import { DAY_HEADER, dayLine, summaryLines } from './bench-soak/report';
import { describeScenario, scenarioFor } from './bench-soak/scenario';
import { runSoak } from './bench-soak/sim';
import { createSoakStore, SOAK_STORE_PORT } from './bench-soak/store';
import { startSoakWebhook } from './bench-soak/webhook';

// The jobs log every refused webhook send and every failed sample write: expected here, by design.
const log = createLogger('bench-soak').child({}, { level: process.env.LOG_LEVEL ?? 'silent' });
const opts = soakOptions();
const scenario = scenarioFor(opts);
const started = performance.now();

const webhook = await startSoakWebhook();
const config = soakConfig({ webhookPort: webhook.port, intervalSeconds: opts.tickMinutes * 60 });
console.log(
  `bench:soak — ${opts.days} simulated days, ${opts.groups.toLocaleString('en-US')} consumer groups (lag every ${opts.lagStepMinutes} min),`,
);
console.log(
  `  jobs every ${opts.tickMinutes} min (${opts.incidentTickMinutes} min around incidents), retention ${JSON.stringify(SOAK_RETENTION)}, ` +
    `sink bound ${opts.sinkMax.toLocaleString('en-US')}, ${opts.spansPerStep} spans per lag step`,
);
for (const line of describeScenario(scenario)) console.log(`  ${line}`);

const store = await createSoakStore(() => undefined);
console.log(`  store: embedded PostgreSQL on 127.0.0.1:${SOAK_STORE_PORT}, data in ${store.dataDir}`);
console.log('');
console.log(DAY_HEADER);
let failed = false;
try {
  const run = await runSoak(opts, scenario, config, store, webhook, log, (d) => console.log(dayLine(d)));
  const { lines, goals } = summaryLines(run, config, (performance.now() - started) / 1000, webhook.received, opts.sinkMax);
  console.log('');
  for (const line of lines) console.log(line);
  await run.jobs.close();
  failed = goals.sizeLevelsOff === false || goals.rssBounded === false || goals.alertsDelivered === false;
} finally {
  await webhook.close();
  await closeStorePool().catch(() => undefined);
  await store.remove();
}
process.exit(failed ? 1 : 0);
