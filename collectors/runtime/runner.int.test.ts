// The runner against a real store it controls: its own embedded PostgreSQL, so the test can stop
// and restart it. The jobs here are real (they query that Postgres or fail the way real sources
// fail); only their targets are made up. Their output reaches the store only through the runner's
// writer: samples, snapshots and scrape status.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type TruthflowConfig } from '@/lib/config';
import { TruthflowError } from '@/lib/errors';
import { createLogger } from '@/lib/log';
import { startEmbeddedStore, type EmbeddedStore } from '@/lib/store/embedded';
import { migrate } from '@/lib/store/migrate';
import { closeStorePool } from '@/lib/store/pool';
import { createClients } from '@/lib/sources/clients';
import type { ConsumerGroupRow, ConsumerPartitionRow } from '@/lib/store/queries/consumer-snapshots';
import type { AnyCollector, AnyEvaluator } from '../types';
import { LeaseKeeper } from './leases';
import { OutputWriter } from './output';
import { JobRunner } from './runner';
import { SampleSink } from './sink';

const dataDir = path.resolve('.truthflow', `test-runner-pg-${process.pid}`);
const port = 55000 + (process.pid % 900);
const log = createLogger('runner-test');
const config: TruthflowConfig = parseConfig('collectors: { intervalSeconds: 2, timeoutSeconds: 1 }\n', {});
const unique = `t${Date.now().toString(36)}`;

let store: EmbeddedStore;
async function rows<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: store.url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** Reads the store's own clock: a real query, so it fails when the store is down. */
function clockCollector(name: string, concurrency = { now: 0, max: 0 }, slowMs = 0): AnyCollector {
  return {
    name,
    targets: () => [{ name: 'store-clock' }],
    initialState: () => undefined,
    async collect() {
      concurrency.now += 1;
      concurrency.max = Math.max(concurrency.max, concurrency.now);
      try {
        await sleep(slowMs);
        const [row] = await rows<{ epoch: number }>('SELECT extract(epoch FROM now())::float8 AS epoch');
        return { samples: [{ metric: `${name}_epoch`, labels: { test: unique }, value: row!.epoch }], summary: 'read the clock' };
      } finally {
        concurrency.now -= 1;
      }
    },
  };
}

const failing: AnyCollector = {
  name: `${unique}-failing`,
  targets: () => [{ name: 'broken-source' }],
  initialState: () => undefined,
  async collect() {
    throw new TruthflowError('auth', 'password authentication failed for user "reader"');
  },
};

const hanging: AnyCollector = {
  name: `${unique}-hanging`,
  targets: () => [{ name: 'silent-source' }],
  initialState: () => undefined,
  collect: () => new Promise(() => undefined), // ignores its abort signal on purpose
};

function newRunner(collectors: AnyCollector[], sink = new SampleSink({ log, flushIntervalMs: 200 }), evaluators: AnyEvaluator[] = []) {
  const leases = new LeaseKeeper(log);
  const output = new OutputWriter({ sink, log });
  const runner = new JobRunner({ config, collectors, evaluators, clients: createClients(config), output, leases, log });
  sink.start();
  runner.start();
  return { runner, sink, leases, stop: async () => (await runner.stop(), await sink.stop(), await leases.close()) };
}

describe('collector runner', () => {
  beforeAll(async () => {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    store = await startEmbeddedStore({ dataDir, port });
    await migrate(store.url);
    process.env.DATABASE_URL = store.url;
  });
  afterAll(async () => {
    await closeStorePool();
    await store?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes samples and scrape status; a failure records its kind and writes no sample; a hang times out alone', async () => {
    const ok = clockCollector(`${unique}-ok`);
    const { stop } = newRunner([ok, failing, hanging]);
    await until(
      'samples of the healthy collector',
      async () =>
        (await rows(`SELECT 1 FROM series s JOIN samples p ON p.series_id = s.id WHERE s.metric = $1`, [`${ok.name}_epoch`])).length >= 2,
    );
    await until(
      'the hanging collector to time out',
      async () =>
        (await rows(`SELECT 1 FROM scrape_status WHERE collector = $1 AND last_error_kind = 'timeout'`, [hanging.name])).length === 1,
    );
    await stop();

    const status = await rows<{
      collector: string;
      last_success_at: Date | null;
      last_error_kind: string | null;
      last_error_message: string | null;
      consecutive_failures: number;
    }>(
      'SELECT collector, last_success_at, last_error_kind, last_error_message, consecutive_failures FROM scrape_status WHERE collector LIKE $1 ORDER BY collector',
      [`${unique}-%`],
    );
    const byName = new Map(status.map((s) => [s.collector, s]));
    expect(byName.get(ok.name)).toMatchObject({ last_error_kind: null, consecutive_failures: 0 });
    expect(byName.get(ok.name)!.last_success_at).toBeInstanceOf(Date);
    expect(byName.get(failing.name)).toMatchObject({
      last_success_at: null,
      last_error_kind: 'auth',
      last_error_message: 'password authentication failed for user "reader"',
    });
    expect(byName.get(failing.name)!.consecutive_failures).toBeGreaterThanOrEqual(1);
    expect(byName.get(hanging.name)).toMatchObject({ last_success_at: null, last_error_kind: 'timeout' });
    // Unknown is not zero: the failing collectors created no series at all.
    expect(await rows(`SELECT 1 FROM series WHERE metric LIKE $1`, [`${unique}-failing%`])).toHaveLength(0);
  });

  it('writes returned snapshots; a snapshot that cannot be written becomes a note and the samples still arrive', async () => {
    const group = (groupId: string, state: string): ConsumerGroupRow => ({
      groupId,
      state,
      members: 1,
      topics: ['orders'],
      lagMessages: 3,
      lagSeconds: null,
      verdict: 'OK',
      worstPartition: null,
      windowComplete: null,
    });
    const partition = (groupId: string): ConsumerPartitionRow => ({
      groupId,
      topic: 'orders',
      partition: 0,
      committedOffset: 7,
      endOffset: 10,
      lagMessages: 3,
      lagSeconds: null,
      lagSecondsKind: null,
      verdict: 'OK',
    });
    /** Reports one consumer group; `broken` makes the store refuse the snapshot (a NOT NULL column left null). */
    const lagLike = (name: string, broken: boolean): AnyCollector => ({
      name,
      targets: () => [{ name: `${name}-cluster` }],
      initialState: () => undefined,
      collect: async (ctx) => ({
        samples: [{ metric: `${name}_lag`, labels: {}, value: 3 }],
        snapshots: [
          {
            kind: 'consumer-groups',
            cluster: ctx.target.name,
            at: ctx.now(),
            groups: [group('g1', broken ? (null as unknown as string) : 'Stable')],
            partitions: [partition('g1')],
          },
        ],
        summary: '1 group',
        notes: ['a note of its own'],
      }),
    });
    const good = lagLike(`${unique}-snap-ok`, false);
    const bad = lagLike(`${unique}-snap-bad`, true);
    const { stop } = newRunner([good, bad]);
    const samplesOf = (name: string) =>
      rows(`SELECT 1 FROM series s JOIN samples p ON p.series_id = s.id WHERE s.metric = $1`, [`${name}_lag`]);
    await until('samples of both jobs', async () => (await samplesOf(good.name)).length >= 1 && (await samplesOf(bad.name)).length >= 1);
    await until(
      'scrape status of both jobs',
      async () => (await rows(`SELECT 1 FROM scrape_status WHERE collector IN ($1, $2)`, [good.name, bad.name])).length === 2,
    );
    await stop();

    expect(await rows(`SELECT group_id, state FROM consumer_groups WHERE cluster = $1`, [`${good.name}-cluster`])).toEqual([
      { group_id: 'g1', state: 'Stable' },
    ]);
    expect(await rows(`SELECT group_id FROM consumer_partitions WHERE cluster = $1`, [`${good.name}-cluster`])).toEqual([
      { group_id: 'g1' },
    ]);
    expect(await rows(`SELECT 1 FROM consumer_groups WHERE cluster = $1`, [`${bad.name}-cluster`])).toHaveLength(0);
    const status = await rows<{ collector: string; last_error_kind: string | null; notes: string[] }>(
      'SELECT collector, last_error_kind, notes FROM scrape_status WHERE collector IN ($1, $2) ORDER BY collector',
      [good.name, bad.name],
    );
    const byName = new Map(status.map((s) => [s.collector, s]));
    expect(byName.get(good.name)).toMatchObject({ last_error_kind: null, notes: ['a note of its own'] });
    // The run still succeeded: its samples are good; only the snapshot is behind, and the note says why.
    expect(byName.get(bad.name)!.last_error_kind).toBeNull();
    expect(byName.get(bad.name)!.notes).toEqual([
      'a note of its own',
      expect.stringMatching(/^consumer snapshot not written \(store unreachable\?\): .*null value/),
    ]);
  });

  it('runs evaluators under the same runner: store-only context, samples written, scrape status recorded', async () => {
    const seen: { hasClients: boolean; aborted: boolean }[] = [];
    const evaluator: AnyEvaluator = {
      name: `${unique}-evaluator`,
      targets: () => [{ name: 'feature/slo' }],
      initialState: () => ({ runs: 0 }),
      async evaluate(ctx) {
        seen.push({ hasClients: 'clients' in ctx, aborted: ctx.signal.aborted });
        ctx.state.runs += 1;
        const [row] = await rows<{ epoch: number }>('SELECT extract(epoch FROM now())::float8 AS epoch');
        return {
          samples: [{ metric: `${unique}_evaluated`, labels: { run: String(ctx.state.runs) }, value: row!.epoch }],
          summary: 'judged',
        };
      },
    };
    const { stop, runner } = newRunner([], undefined, [evaluator]);
    expect(runner.jobKeys()).toEqual([`${evaluator.name}/feature/slo`]);
    await until(
      'samples of the evaluator',
      async () =>
        (await rows(`SELECT 1 FROM series s JOIN samples p ON p.series_id = s.id WHERE s.metric = $1`, [`${unique}_evaluated`])).length >=
        2,
    );
    await stop();
    expect(seen.every((s) => !s.hasClients && !s.aborted)).toBe(true);
    const [status] = await rows<{ last_error_kind: string | null; consecutive_failures: number }>(
      'SELECT last_error_kind, consecutive_failures FROM scrape_status WHERE collector = $1 AND source = $2',
      [evaluator.name, 'feature/slo'],
    );
    expect(status).toEqual({ last_error_kind: null, consecutive_failures: 0 });
  });

  it('never overlaps runs of one job, even when a run outlives its timeout', async () => {
    const concurrency = { now: 0, max: 0 };
    const slow = clockCollector(`${unique}-slow`, concurrency, 2_500);
    const { stop } = newRunner([slow]);
    await sleep(7_000);
    await stop();
    expect(concurrency.max).toBe(1);
  });

  it('survives the store going down: buffers samples, then writes them when it is back', async () => {
    const steady = clockCollector(`${unique}-steady`);
    const sink = new SampleSink({ log, flushIntervalMs: 200, maxBackoffMs: 1_000 });
    // This collector must keep producing while the store is down, so it reads no store.
    const independent: AnyCollector = {
      name: `${unique}-independent`,
      targets: () => [{ name: 'local-clock' }],
      initialState: () => undefined,
      collect: async () => ({ samples: [{ metric: `${unique}_local`, labels: {}, value: Date.now() }], summary: 'ok' }),
    };
    const { stop, leases } = newRunner([steady, independent], sink);
    // A job whose lease was never granted stays idle while the store is down (another process may own it).
    await until('both leases and first samples', async () => leases.owned().length === 2 && sink.totals.written > 0);
    await store.stop();
    const downAt = new Date();
    await sleep(5_000);
    expect(sink.buffered).toBeGreaterThan(0); // held, not lost
    const backAt = new Date();
    store = await startEmbeddedStore({ dataDir, port });
    await until('the buffer to drain', async () => sink.buffered === 0, 30_000);
    await stop();
    const [{ n }] = (await rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM samples p JOIN series s ON s.id = p.series_id WHERE s.metric = $1 AND p.ts BETWEEN $2 AND $3`,
      [`${unique}_local`, downAt, backAt],
    )) as [{ n: number }];
    // Interval 2 s, outage 5 s: at least two runs happened while the store was down, and arrived late, not never.
    expect(n).toBeGreaterThanOrEqual(2);
    expect(sink.totals.dropped).toBe(0);
  });

  it('drops the oldest samples, counted, when the buffer bound is reached', async () => {
    const sink = new SampleSink({ log, maxBuffered: 10 });
    sink.push(
      Array.from({ length: 25 }, (_, i) => ({
        metric: `${unique}_bound`,
        labels: {},
        value: i,
        ts: new Date(Date.now() - (25 - i) * 1000),
      })),
    );
    expect(sink.buffered).toBe(10);
    expect(sink.totals.dropped).toBe(15);
    await sink.stop();
    const values = await rows<{ value: number }>(
      `SELECT value FROM samples p JOIN series s ON s.id = p.series_id WHERE s.metric = $1 ORDER BY value`,
      [`${unique}_bound`],
    );
    expect(values.map((v) => v.value)).toEqual([15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
  });

  it('gives each job to one process at a time, and a killed process’s jobs move within two intervals', async () => {
    const a = clockCollector(`${unique}-shared-a`);
    const b = clockCollector(`${unique}-shared-b`);
    const first = newRunner([a, b]);
    await until('first process to take both jobs', async () => first.leases.owned().length === 2);
    const second = newRunner([a, b]);
    await sleep(3_000);
    expect(second.leases.owned()).toEqual([]); // both still owned by the first
    // "Kill" the first: its store session ends, which is what a dead process looks like to Postgres.
    await first.stop();
    const killedAt = Date.now();
    await until('second process to take over', async () => second.leases.owned().length === 2, 10_000);
    expect(Date.now() - killedAt).toBeLessThanOrEqual(2 * config.collectors.intervalSeconds * 1000 + 1_000);
    await second.stop();
  });
});
