// A child process of `npm run bench:lag`'s three-process run: one collectors process holding some
// lag shards of the bench cluster. It warms up with one snapshot, says "ready", then takes one
// snapshot per "go" line on stdin and answers with its times as one JSON line.
// Env: BENCH_BOOTSTRAP, BENCH_SHARDS (the count), BENCH_HELD (comma-separated indexes), DATABASE_URL,
// BENCH_LEGACY=1 for the code path before batched reads and COPY (the baseline).
import { createInterface } from 'node:readline';
import { closeStorePool } from '@/lib/store/pool';
import { benchConfig, lagJobs } from './bench-lag-snapshot';

const config = benchConfig(process.env.BENCH_BOOTSTRAP!, Number(process.env.BENCH_SHARDS));
const held = process.env.BENCH_HELD!.split(',').map(Number);
const jobs = lagJobs(config, held, process.env.BENCH_LEGACY === '1');

// The baseline's legacy processes only connect: one untimed legacy snapshot takes minutes.
if (process.env.BENCH_LEGACY === '1') await jobs.connect();
else await jobs.snapshot(true);
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (line !== 'go') break;
  process.stdout.write(`${JSON.stringify(await jobs.snapshot(true))}\n`);
}
await jobs.close();
await closeStorePool();
