// npm run bench:api — dashboard API latency with a realistic store: 7 days of 15-second samples for
// 200 series (~8 M rows, daily partitions) and 10,000 consumer groups. Calls the route handlers'
// GET with real Requests (zod parse, auth, store queries, JSON body) in this process, sequentially,
// and prints p50/p95 against the goals beside a baseline measured in the same run: the heaviest
// store query of each API alone. Runs in a scratch database on the test Postgres and drops it.
// A benchmark, not a test: it prints figures for the README. Run with the react-server condition
// (package.json does), as Next.js runs route handlers, so the loaders' `server-only` guard allows them.
import pg from 'pg';
import { SERIES } from '@/lib/series-names';
import { migrate } from '@/lib/store/migrate';
import { createScratchDatabase } from '@/e2e/fixtures/scratch-db';
import { CLUSTER, DAYS, GROUPS, loadGroupsAndState, loadSamples, loadSlices, PARTITIONS_PER_GROUP, SERIES_COUNT } from './bench-api/data';
import { percentile as pct, timeCalls } from './lib/timing';

const WARMUP = 10;
const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const timed = (fn: (i: number) => Promise<unknown>) => timeCalls(RUNS, fn, WARMUP);

type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface Row {
  name: string;
  goalMs: number | null;
  times: number[] | null;
  baseline: number[] | null;
  note?: string;
}

const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);
const log = (line: string) => console.log(`[bench:api] ${line}`);

async function route(path: string): Promise<Handler | null> {
  try {
    return ((await import(path)) as { GET: Handler }).GET;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' || /Cannot find module/.test(String(error))) return null;
    throw error;
  }
}

/** Calls a handler as Next.js would and reads the whole body (serialisation is part of the cost). */
function caller(handler: Handler, urls: string[], params: (url: string) => Record<string, string> = () => ({})) {
  return async (i: number) => {
    const url = urls[i % urls.length]!;
    const res = await handler(new Request(`http://bench.local${url}`), { params: Promise.resolve(params(url)) });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${body.slice(0, 300)}`);
  };
}

async function measure(): Promise<Row[]> {
  const { bucketedSeries } = await import('@/lib/store/queries/sample-buckets');
  const { sliceBuckets } = await import('@/lib/store/queries/slo-slices');
  const { listConsumerGroups } = await import('@/lib/store/queries/consumer-snapshots');
  const rows: Row[] = [];
  const now = () => new Date();
  const hourAgo = () => new Date(Date.now() - 3600_000);

  const overview = await route('@/app/api/overview/route');
  rows.push({
    name: 'overview API',
    goalMs: 100,
    times: overview && (await timed(caller(overview, ['/api/overview']))),
    baseline: await timed(() => bucketedSeries({ metric: SERIES.sloSliValue, labels: {}, from: hourAgo(), to: now(), bucketSeconds: 60 })),
    note: overview ? 'baseline: SLI sparkline bucket query (1 h)' : 'app/api/overview/route.ts not found: skipped',
  });

  const feature = await route('@/app/api/features/[feature]/route');
  for (const [range, secs, bucket] of [
    ['1h', 3600, 15],
    ['7d', 7 * 86_400, 3600],
  ] as const) {
    rows.push({
      name: `feature API (${range})`,
      goalMs: 100,
      times: feature && (await timed(caller(feature, [`/api/features/checkout?range=${range}`], () => ({ feature: 'checkout' })))),
      // The same chart query the page runs: raw samples for short ranges, one-minute slices beyond.
      baseline: await timed(() =>
        bucket >= 60
          ? sliceBuckets('checkout', new Date(Date.now() - secs * 1000), now(), bucket)
          : bucketedSeries({
              metric: SERIES.sloSliValue,
              labels: { feature: 'checkout' },
              from: new Date(Date.now() - secs * 1000),
              to: now(),
              bucketSeconds: bucket,
            }),
      ),
      note: feature
        ? `baseline: SLI chart query alone (${range}, ${bucket >= 60 ? 'slices' : 'samples'})`
        : 'app/api/features/[feature]/route.ts not found: skipped',
    });
  }

  const lag = (await route('@/app/api/lag/route'))!;
  const variants = [
    { name: 'page 1 by lag', url: `/api/lag?cluster=${CLUSTER}`, q: { cluster: CLUSTER, sort: 'lag', dir: 'desc', page: 1, pageSize: 50 } },
    {
      name: 'page 100 of 100, by verdict',
      url: '/api/lag?sort=verdict&size=100&page=100',
      q: { sort: 'verdict', dir: 'desc', page: 100, pageSize: 100 },
    },
    {
      name: 'by name, prefix filter',
      url: '/api/lag?sort=group&q=bench-group-07',
      q: { prefix: 'bench-group-07', sort: 'group', dir: 'asc', page: 1, pageSize: 50 },
    },
    {
      name: 'ERR only, by lag seconds asc',
      url: '/api/lag?verdict=ERR&sort=lagSeconds&dir=asc&page=5',
      q: { verdict: 'ERR', sort: 'lagSeconds', dir: 'asc', page: 5, pageSize: 50 },
    },
  ] as const;
  const all: number[] = [];
  const allBase: number[] = [];
  for (const v of variants) {
    const times = await timed(caller(lag, [v.url]));
    const baseline = await timed(() => listConsumerGroups(v.q as Parameters<typeof listConsumerGroups>[0]));
    all.push(...times);
    allBase.push(...baseline);
    rows.push({ name: `  groups: ${v.name}`, goalMs: 300, times, baseline });
  }
  rows.splice(rows.length - variants.length, 0, {
    name: `groups page API (${GROUPS.toLocaleString('en-US')} groups)`,
    goalMs: 300,
    times: all.sort((a, b) => a - b),
    baseline: allBase.sort((a, b) => a - b),
    note: 'all four page shapes below; baseline: page + count statements',
  });
  return rows;
}

/** Prints the table; returns the rows that missed their goal. */
function print(rows: Row[]): string[] {
  const ms = (x: number | undefined) => (x === undefined ? '—' : `${x.toFixed(1)} ms`).padStart(10);
  console.log(
    `\n${'API'.padEnd(42)}${'p50'.padStart(10)}${'p95'.padStart(10)}${'goal p95'.padStart(10)}  ${'verdict'.padEnd(8)}${'SQL p50'.padStart(10)}${'SQL p95'.padStart(10)}`,
  );
  const missed: string[] = [];
  for (const r of rows) {
    const p95 = r.times ? pct(r.times, 95) : undefined;
    const verdict = r.times === null ? 'skipped' : r.goalMs === null ? '' : p95! <= r.goalMs ? 'ok' : 'MISSED';
    if (verdict === 'MISSED') missed.push(r.name.trim());
    const goal = r.goalMs === null ? '' : `≤ ${r.goalMs} ms`;
    console.log(
      `${r.name.padEnd(42)}${ms(r.times ? pct(r.times, 50) : undefined)}${ms(p95)}${goal.padStart(10)}  ${verdict.padEnd(8)}${ms(r.baseline ? pct(r.baseline, 50) : undefined)}${ms(r.baseline ? pct(r.baseline, 95) : undefined)}${r.note ? `  (${r.note})` : ''}`,
    );
  }
  console.log(
    `\n${RUNS} sequential calls per row after ${WARMUP} warm-up calls; handlers called in-process (no HTTP server), bodies read in full.`,
  );
  console.log("SQL = the baseline: the API's heaviest store query alone, through the same pool, in the same run.");
  console.log(missed.length ? `goals missed: ${missed.join('; ')}` : 'every goal met');
  return missed;
}

async function main(): Promise<void> {
  const db = await createScratchDatabase('bench_api');
  const cleanup = () => db.drop().catch((e: unknown) => console.error(`could not drop ${db.name}: ${(e as Error).message}`));
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  // Before the first import of a query module: the store pool and Prisma read these once.
  process.env.DATABASE_URL = db.url;
  process.env.TRUTHFLOW_CONFIG ??= 'truthflow.yaml';
  process.env.LOG_LEVEL ??= 'error';
  const client = new pg.Client({ connectionString: db.url });
  try {
    await migrate(db.url);
    await client.connect();
    let started = performance.now();
    const rows = await loadSamples(client);
    log(`${rows.toLocaleString('en-US')} samples of ${SERIES_COUNT} series over ${DAYS} days loaded in ${seconds(started)} s`);
    log(`${(await loadSlices(client)).toLocaleString('en-US')} one-minute SLO slices over ${DAYS} days loaded`);
    started = performance.now();
    await loadGroupsAndState();
    log(`${GROUPS.toLocaleString('en-US')} consumer groups × ${PARTITIONS_PER_GROUP} partitions stored in ${seconds(started)} s`);
    await client.query('ANALYZE consumer_groups; ANALYZE slo_slices');
    print(await measure());
  } finally {
    await client.end().catch(() => undefined);
    const { closeStorePool } = await import('@/lib/store/pool');
    await closeStorePool().catch(() => undefined);
    await cleanup();
  }
  // A benchmark reports; it does not fail the build (the table says which goals were missed).
  process.exit(0);
}

await main();
