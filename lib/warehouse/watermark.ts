// How far a warehouse-like table trails the system of record (docs/algorithms.md "Warehouse
// watermarks"). The watermark is the newest event time loaded: max(eventTimeColumn) of the table,
// or of this loader's row in a watermark table the loader writes. Lag = now − watermark, by the
// database's clock (the loader stamps with it too, so no skew between two machines enters).
//
// Late arrivals: rows loaded since the previous run whose event time is older than the watermark
// the previous run saw. They were missed by whatever read the table at that watermark (an
// incremental model, a dashboard's "complete up to" line), so a steady trickle means the loader's
// ordering assumption is wrong. Needs a load-time column; without it nothing is reported.
//
// SQL text is built only from config identifiers (checked by the schema, then quoted); the loader
// key and both previous-run values are bound parameters.
import type pg from 'pg';
import { z } from 'zod';
import type { WatermarkConfig } from '@/lib/config/schema-flows';
import { TruthflowError } from '@/lib/errors';
import { quoteIdent, quoteTable } from '@/lib/sql/identifiers';
import { withTransaction } from '@/lib/sql/transaction';

export interface WatermarkQueries {
  /** $1: the loader key when a key column is configured. */
  watermark: { text: string; values: unknown[] };
  /** $n: previous run's now(), $n+1: previous run's watermark; absent without a load-time column. */
  late?: (previousNow: string, previousWatermark: string) => { text: string; values: unknown[] };
}

export function buildWatermarkQueries(w: WatermarkConfig): WatermarkQueries {
  const table = quoteTable(w.table);
  const event = quoteIdent(w.eventTimeColumn);
  const keyed = w.keyColumn !== undefined && w.key !== undefined;
  const where = keyed ? `WHERE ${quoteIdent(w.keyColumn!)} = $1` : '';
  const keyValues = keyed ? [w.key] : [];
  const watermark = {
    text: `SELECT max(${event})::timestamptz::text AS watermark, extract(epoch FROM now() - max(${event})::timestamptz)::float8 AS lag_seconds, now()::text AS now FROM ${table} ${where}`,
    values: keyValues,
  };
  if (w.loadedAtColumn === undefined) return { watermark };
  const loaded = quoteIdent(w.loadedAtColumn);
  const n = keyValues.length;
  const and = keyed ? `${where} AND` : 'WHERE';
  return {
    watermark,
    late: (previousNow, previousWatermark) => ({
      text: `SELECT count(*)::text AS late FROM ${table} ${and} ${loaded} > $${n + 1}::timestamptz AND ${loaded} <= now() AND ${event} < $${n + 2}::timestamptz`,
      values: [...keyValues, previousNow, previousWatermark],
    }),
  };
}

const watermarkRow = z.object({ watermark: z.string().nullable(), lag_seconds: z.number().nullable(), now: z.string() });
const lateRow = z.object({ late: z.coerce.number().int().min(0) });

export interface WatermarkReading {
  /** null when the table (or the loader's row) holds no event time yet: unknown, not zero. */
  watermark: string | null;
  lagSeconds: number | null;
  dbNow: string;
  /** Rows late since the previous run, and the seconds that window spans; absent on a first run or without a load-time column. */
  late?: { rows: number; elapsedSeconds: number };
}

function parse<T>(schema: z.ZodType<T>, row: unknown, what: string): T {
  const parsed = schema.safeParse(row);
  if (!parsed.success) throw new TruthflowError('parse', `${what}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
}

export async function readWatermark(
  pool: pg.Pool,
  queries: WatermarkQueries,
  previous: { dbNow: string; watermark: string | null } | undefined,
): Promise<WatermarkReading> {
  return withTransaction(
    pool,
    async (tx) => {
      const w = parse(watermarkRow, (await tx.query(queries.watermark.text, queries.watermark.values)).rows[0], 'watermark');
      const reading: WatermarkReading = { watermark: w.watermark, lagSeconds: w.lag_seconds, dbNow: w.now };
      if (queries.late && previous?.watermark) {
        const q = queries.late(previous.dbNow, previous.watermark);
        const late = parse(lateRow, (await tx.query(q.text, q.values)).rows[0], 'late arrivals');
        const elapsed = (await tx.query<{ s: number }>('SELECT extract(epoch FROM now() - $1::timestamptz)::float8 AS s', [previous.dbNow]))
          .rows[0]!.s;
        reading.late = { rows: late.late, elapsedSeconds: elapsed };
      }
      return reading;
    },
    { readOnly: true, isolation: 'repeatable read' },
  );
}
