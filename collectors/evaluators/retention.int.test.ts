// The retention job against a real store: after a run, sample partitions behind the horizon are
// gone and newer ones are not, old spans are not found by the order lookup, old slices, resolved
// alerts, dead heartbeats and series without samples are deleted, and the sink hears which series
// went. The clock is the job's own (as in the soak benchmark), so "old" needs no waiting.
import { describe, expect, it } from 'vitest';
import { exportRequest, jsonSpan } from '@/e2e/fixtures/otlp-requests';
import { useScratchStore } from '@/e2e/fixtures/scratch-store';
import { parseConfig } from '@/lib/config';
import { createLogger } from '@/lib/log';
import { decodeJson } from '@/lib/otlp/decode-json';
import { normalize } from '@/lib/otlp/normalize';
import { storeWriter } from '@/lib/otlp/store-writer';
import { storePool } from '@/lib/store/pool';
import { ensureSamplePartitionsBetween, insertSamples } from '@/lib/store/queries/samples';
import { resolveSeriesIds, seriesKeyOf } from '@/lib/store/queries/series';
import { findKeyHits } from '@/lib/store/queries/span-keys';
import { createRetentionEvaluator } from './retention';

useScratchStore('retention');

const DAY_MS = 86_400_000;
const config = parseConfig('retention: { samples: 10d, slices: 12d, spans: 7d, alerts: 20d }\n', {});
const day = (d: Date) => d.toISOString().slice(0, 10).replaceAll('-', '');
const count = async (sql: string, params: unknown[] = []) => Number((await storePool().query<{ n: string }>(sql, params)).rows[0]!.n);

async function ingestSpan(orderId: string, startMs: number): Promise<void> {
  const n = normalize(
    decodeJson(
      new TextEncoder().encode(JSON.stringify(exportRequest({ svc: [jsonSpan({ startMs, attributes: { order_id: orderId } })] }))),
    ),
    ['order_id'],
  );
  await storeWriter()({ spans: n.spans, keys: n.keys });
}

describe('retention job', () => {
  it('drops what is behind each horizon and keeps what is inside it', async () => {
    // "Now" is a fixed day; samples exist 15, 11, 9 and 1 days before it.
    const now = new Date(Date.UTC(2031, 5, 20, 12));
    const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
    await ensureSamplePartitionsBetween(ago(15), ago(1));
    const gone = { metric: 'retention_gone', labels: { group: 'left-long-ago' } };
    const kept = { metric: 'retention_kept', labels: { group: 'still-here' } };
    const ids = await resolveSeriesIds([gone, kept]);
    // Series rows are "created" long before the samples they carry.
    await storePool().query('UPDATE series SET created_at = $1', [ago(30)]);
    const goneId = ids.get(seriesKeyOf(gone))!;
    const keptId = ids.get(seriesKeyOf(kept))!;
    await insertSamples([
      { seriesId: goneId, ts: ago(15), value: 1 },
      { seriesId: goneId, ts: ago(11), value: 2 },
      { seriesId: keptId, ts: ago(11), value: 3 },
      { seriesId: keptId, ts: ago(9), value: 4 },
      { seriesId: keptId, ts: ago(1), value: 5 },
      // Far behind every partition: lands in samples_default and must go in batches.
      { seriesId: keptId, ts: ago(400), value: 6 },
    ]);
    await storePool().query(`INSERT INTO slo_slices (feature, slo, slice_start, good) VALUES ('f', 's', $1, true), ('f', 's', $2, true)`, [
      ago(13),
      ago(11),
    ]);
    await storePool().query(
      `INSERT INTO alerts (feature, slo, rule, severity, state, fired_at, summary) VALUES
         ('f', 's', 'r', 'page', 'resolved', $1, 'old and resolved'),
         ('f', 's', 'r', 'page', 'firing', $1, 'old but still firing'),
         ('f', 's', 'r', 'page', 'resolved', $2, 'recent')`,
      [ago(25), ago(5)],
    );
    await storePool().query(
      `INSERT INTO collector_heartbeats (process_id, hostname, pid, version, started_at, beat_at) VALUES
         ('dead', 'h', 1, 'v', $1, $1), ('alive', 'h', 2, 'v', $2, $2)`,
      [ago(3), now],
    );
    await ingestSpan('R-OLD', ago(8).getTime());
    await ingestSpan('R-NEW', ago(6).getTime());
    expect(await findKeyHits('R-OLD', ['order_id'], 10)).toHaveLength(1);

    const forgotten: string[] = [];
    const job = createRetentionEvaluator({ batchSize: 1, forgetSeries: (keys) => forgotten.push(...keys) });
    const state = job.initialState({ name: 'store' });
    const log = createLogger('retention-test');
    const output = await job.evaluate({
      target: { name: 'store' },
      config,
      now: () => now,
      signal: new AbortController().signal,
      state,
      log,
    });

    const { rows: partitions } = await storePool().query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'samples'::regclass`,
    );
    const names = new Set(partitions.map((p) => p.name));
    // Wholly older than 10 days: gone. The 10-days-ago partition still holds samples inside the horizon.
    for (const days of [15, 14, 13, 12, 11]) expect(names.has(`samples_${day(ago(days))}`)).toBe(false);
    for (const days of [10, 9, 1, 0, -7]) expect(names.has(`samples_${day(ago(days))}`)).toBe(true);
    expect(names.has('samples_default')).toBe(true);
    const values = await storePool().query<{ value: number }>('SELECT value FROM samples ORDER BY value');
    expect(values.rows.map((r) => r.value)).toEqual([4, 5]);

    expect(await count('SELECT count(*) AS n FROM series WHERE id = $1', [goneId])).toBe(0);
    expect(await count('SELECT count(*) AS n FROM series WHERE id = $1', [keptId])).toBe(1);
    expect(forgotten).toEqual([seriesKeyOf(gone)]);
    expect(await count(`SELECT count(*) AS n FROM slo_slices`)).toBe(1);
    const alerts = await storePool().query<{ summary: string }>('SELECT summary FROM alerts ORDER BY id');
    expect(alerts.rows.map((r) => r.summary)).toEqual(['old but still firing', 'recent']);
    const beats = await storePool().query<{ process_id: string }>('SELECT process_id FROM collector_heartbeats');
    expect(beats.rows.map((r) => r.process_id)).toEqual(['alive']);
    expect(await findKeyHits('R-OLD', ['order_id'], 10)).toEqual([]);
    expect(await findKeyHits('R-NEW', ['order_id'], 10)).toHaveLength(1);
    expect(output.summary).toMatch(
      /^dropped \d+ sample partitions, deleted 1 samples, 1 series, 1 slices, 1 alerts, 1 heartbeats, 2 span rows/,
    );

    // Caught up: the next run within a few minutes does nothing at all.
    const again = await job.evaluate({
      target: { name: 'store' },
      config,
      now: () => now,
      signal: new AbortController().signal,
      state,
      log,
    });
    expect(again.summary).toBe('nothing to do until the next pass');
  });
});
