// The runner against a real store it controls: its own embedded PostgreSQL, so the test can stop
// and restart it. The jobs here are real (they query that Postgres or fail the way real sources
// fail); only their targets are made up. Their output reaches the store only through the runner's
// writer; what the writer does with snapshots and evaluators is in output.int.test.ts.
import { describe, expect, it } from 'vitest';
import {
  clockCollector,
  config,
  failing,
  hanging,
  log,
  newRunner,
  rows,
  sleep,
  startStore,
  stopStore,
  unique,
  until,
  useRunnerStore,
} from '@/e2e/fixtures/runner-store';
import type { AnyCollector } from '../types';
import { SampleSink } from './sink';

describe('collector runner', () => {
  useRunnerStore();

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
    await stopStore();
    const downAt = new Date();
    await sleep(5_000);
    expect(sink.buffered).toBeGreaterThan(0); // held, not lost
    const backAt = new Date();
    await startStore();
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
