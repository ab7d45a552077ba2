// A Postgres table as one side of a reconciliation: the system of record, or a warehouse table
// that a consumer fills. Every identifier comes from the config and is quoted; every value (bucket
// bounds, cutoff, keys) is a bound parameter. Buckets are answered by one query each call: a
// LATERAL range scan per bucket, so an index on the updatedAt column keeps each bucket's cost to
// its own rows. A side answers each call with one query, two when it mixes time and hash buckets.
import type pg from 'pg';
import { quoteIdent, quoteTable } from '@/lib/sql/identifiers';
import { HASH_SPACE, sqlRowHash } from './hash';
import type { Bucket, BucketSummary, KeyRow, ReconcileSide } from './types';

export interface PostgresSideSpec {
  table: string;
  key: string;
  updatedAt: string;
  /** An integer column; without it the updatedAt time in epoch milliseconds is the version. */
  version?: string;
}

interface SummaryRow {
  i: number;
  n: string;
  s: string;
}

interface KeyRowDb {
  key: string;
  version: string;
  updated_ms: string;
}

export function postgresSide(pool: pg.Pool, spec: PostgresSideSpec, label: string): ReconcileSide {
  const table = quoteTable(spec.table);
  const key = quoteIdent(spec.key);
  const updated = quoteIdent(spec.updatedAt);
  // floor() of a numeric epoch: exact, and the same whole millisecond a search index keeps.
  const updatedMs = `floor(extract(epoch from ${updated}) * 1000)::bigint`;
  const version = spec.version === undefined ? `${updatedMs}::text` : `${quoteIdent(spec.version)}::text`;
  const hash = sqlRowHash(`${key}::text`, version);
  const columns = `${key}::text AS key, ${version} AS version, ${updatedMs}::text AS updated_ms`;
  // Bucket bounds travel as four arrays; ms → timestamptz in SQL (exact interval arithmetic, no float
  // rounding) so the comparison is on the column itself and its index is used.
  const buckets = `unnest($1::bigint[], $2::bigint[], $3::int[], $4::int[]) WITH ORDINALITY AS b(lo, hi, hlo, hhi, i)`;
  const at = (ms: string) => `(timestamptz 'epoch' + ${ms} * interval '1 millisecond')`;
  const inBucket = `${updated} >= ${at('b.lo')} AND ${updated} < ${at('b.hi')} AND ${updated} < ${at('$5::bigint')}`;
  const params = (bs: readonly Bucket[], cutoffMs: number) => [
    bs.map((b) => b.from),
    bs.map((b) => b.to),
    bs.map((b) => b.hashLo),
    bs.map((b) => b.hashHi),
    cutoffMs,
  ];
  const toKeyRow = (r: KeyRowDb): KeyRow => ({ key: r.key, version: r.version, updatedAtMs: Number(r.updated_ms) });

  return {
    label,
    async summarize(bs, cutoffMs) {
      const out: BucketSummary[] = bs.map(() => ({ count: 0, hashSum: 0n }));
      // Buckets over all of hash space skip the hash condition: evaluating it costs more than the
      // hash itself. Buckets cut by hash (rare: a single millisecond holding many rows) compute it
      // once behind an OFFSET 0 fence, then compare.
      const whole = bs.flatMap((b, i) => (b.hashLo === 0 && b.hashHi === HASH_SPACE ? [i] : []));
      const cut = bs.flatMap((b, i) => (b.hashLo === 0 && b.hashHi === HASH_SPACE ? [] : [i]));
      for (const [indexes, hashed] of [
        [whole, false],
        [cut, true],
      ] as const) {
        if (indexes.length === 0) continue;
        const rows = hashed
          ? `(SELECT ${hash} AS h FROM ${table} WHERE ${inBucket} OFFSET 0) r ON r.h >= b.hlo AND r.h < b.hhi`
          : `(SELECT ${hash} AS h FROM ${table} WHERE ${inBucket}) r ON true`;
        const { rows: found } = await pool.query<SummaryRow>(
          `SELECT b.i::int AS i, count(r.h)::text AS n, coalesce(sum(r.h), 0)::text AS s
             FROM ${buckets} JOIN LATERAL ${rows}
            GROUP BY b.i`,
          params(
            indexes.map((i) => bs[i]!),
            cutoffMs,
          ),
        );
        for (const r of found) out[indexes[r.i - 1]!] = { count: Number(r.n), hashSum: BigInt(r.s) };
      }
      return out;
    },
    async list(bs, cutoffMs) {
      if (bs.length === 0) return [];
      const { rows } = await pool.query<KeyRowDb>(
        `SELECT r.key, r.version, r.updated_ms
           FROM ${buckets}
           JOIN LATERAL (SELECT ${columns}, ${hash} AS h FROM ${table} WHERE ${inBucket}) r ON r.h >= b.hlo AND r.h < b.hhi`,
        params(bs, cutoffMs),
      );
      return rows.map(toKeyRow);
    },
    async lookup(keys) {
      if (keys.length === 0) return [];
      // `= ANY($1)` lets Postgres type the array after the key column, so its index is used.
      const { rows } = await pool.query<KeyRowDb>(`SELECT ${columns} FROM ${table} WHERE ${key} = ANY($1)`, [keys]);
      return rows.map(toKeyRow);
    },
    async oldestMs() {
      const { rows } = await pool.query<{ ms: string | null }>(
        `SELECT floor(extract(epoch from min(${updated})) * 1000)::bigint::text AS ms FROM ${table}`,
      );
      return rows[0]?.ms == null ? null : Number(rows[0].ms);
    },
  };
}
