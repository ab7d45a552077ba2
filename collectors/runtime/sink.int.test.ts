// The sink against a real store whose samples table is locked, so a write lasts as long as the test
// wants: samples pushed meanwhile may be dropped (counted), but none reported written may be lost.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@/lib/log';
import { storeUrl } from '@/lib/store/pool';
import { useScratchStore } from '@/e2e/fixtures/scratch-store';
import { SampleSink } from './sink';

useScratchStore('sink');
const log = createLogger('sink-test');

/** Polled from its own session: inside the locking transaction pg_stat_activity would stay frozen. */
async function waitForLockedInsert(watcher: pg.Client): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await watcher.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO samples%'`,
    );
    if (rows[0]!.n > 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the sink never started its insert');
}

describe('SampleSink while a write is in flight', () => {
  it('loses none of the samples it reports written when 100,000 are pushed during one write', async () => {
    const maxBuffered = 20_000;
    const batchSize = 5_000;
    const pushed = 105_000;
    const sink = new SampleSink({ log, maxBuffered, batchSize });
    const at = (i: number) => ({ metric: 'sink_race', labels: { case: 'in-flight' }, value: i, ts: new Date(Date.UTC(2026, 0, 1) + i) });
    const locker = new pg.Client({ connectionString: storeUrl() });
    const watcher = new pg.Client({ connectionString: storeUrl() });
    await Promise.all([locker.connect(), watcher.connect()]);
    try {
      sink.push(Array.from({ length: batchSize }, (_, i) => at(i)));
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE samples IN SHARE MODE');
      const flushing = sink.flush();
      await waitForLockedInsert(watcher);
      for (let start = batchSize; start < pushed; start += 1_000) sink.push(Array.from({ length: 1_000 }, (_, i) => at(start + i)));
      await locker.query('COMMIT');
      await flushing;
      await sink.stop();

      const { rows } = await locker.query<{ value: number }>(
        `SELECT p.value FROM samples p JOIN series s ON s.id = p.series_id WHERE s.metric = 'sink_race'`,
      );
      const stored = new Set(rows.map((r) => r.value));
      expect(sink.buffered).toBe(0);
      expect(stored.size).toBe(sink.totals.written);
      expect(sink.totals.written + sink.totals.dropped).toBe(pushed);
      // What was in flight was written, and the buffer kept the newest maxBuffered samples.
      for (let i = 0; i < batchSize; i++) expect(stored.has(i)).toBe(true);
      const keptNewest = Array.from({ length: maxBuffered }, (_, k) => pushed - maxBuffered + k).filter((v) => !stored.has(v));
      expect(keptNewest).toEqual([]);
      expect(sink.totals.written).toBe(batchSize + maxBuffered);
      // The loss is recorded once the store answers: how many, and the time range they covered.
      const drops = await locker.query<{ from_ts: Date; to_ts: Date; samples: string }>('SELECT from_ts, to_ts, samples FROM sample_drops');
      expect(drops.rows).toEqual([
        { from_ts: at(batchSize).ts, to_ts: at(pushed - maxBuffered - 1).ts, samples: String(sink.totals.dropped) },
      ]);
    } finally {
      await Promise.all([locker.end(), watcher.end()]);
    }
  });

  it('keeps the series-id cache within its bound however many series pass through', async () => {
    const sink = new SampleSink({ log, maxSeriesIds: 100, batchSize: 1_000 });
    sink.push(Array.from({ length: 3_000 }, (_, i) => ({ metric: 'sink_groups', labels: { group: `g-${i}` }, value: i, ts: new Date() })));
    await sink.stop();
    expect(sink.totals.written).toBe(3_000);
    expect(sink.seriesIds.size).toBe(100);
  });
});
