import { z } from 'zod';
import { column, int, name, obj, table } from './fields';

// Reconciliations: a bounded comparison of a pipeline's system of record (a Postgres table) with
// one derived store (a search index entry or a Postgres warehouse table). Every table and column
// is an identifier checked here and quoted later; nothing in this section becomes SQL text as is.

const DURATION = /^([1-9]\d{0,5})(s|m|h|d)$/;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A duration such as "30s", "2m", "24h" or "7d", in milliseconds. */
export function durationMs(text: string): number {
  const m = DURATION.exec(text);
  if (!m) throw new Error(`not a duration: ${text}`);
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

const duration = () =>
  z.string().regex(DURATION, { error: 'expected a duration such as "30s", "2m", "24h" or "7d"' }).transform(durationMs);

/** Document field names (dots for object fields); they go into JSON queries, never into SQL. */
const docField = () =>
  z.string().regex(/^[A-Za-z_@][A-Za-z0-9_.@-]{0,127}$/, { error: 'expected a field or column name such as order_id' });

const sourceSide = obj({
  /** A postgres source; defaults to the pipeline's systemOfRecord. */
  source: name().optional(),
  table: table(),
  key: column(),
  /** When the row last changed: buckets are cut on it, and rows younger than `settle` are skipped. */
  updatedAt: column(),
  /** An integer version column; without it the updatedAt time (epoch milliseconds) is the version. */
  version: column().optional(),
});

const targetSide = obj({
  /** The name of an entry in `indexes`. */
  index: name().optional(),
  /** A Postgres warehouse table, on `source`. */
  table: table().optional(),
  /** The postgres source of `table`. */
  source: name().optional(),
  id: docField(),
  /** The copy of the source's updatedAt on the target. */
  updatedAt: docField(),
  /** The copy of the source's version; defaults to updatedAt when the source has no version column. */
  version: docField().optional(),
  /**
   * Index targets only: an integer field the indexer fills with the row hash of key|version (see
   * docs/algorithms.md "Reconciliation"), summed per bucket. OpenSearch without the painless
   * module cannot compute it in a script, so it is stored.
   */
  hashField: docField().default('truthflow_hash'),
}).superRefine((t, ctx) => {
  const kinds = [t.index !== undefined && 'index', t.table !== undefined && 'table'].filter(Boolean);
  if (kinds.length !== 1) {
    const found = kinds.length ? 'found both' : 'found neither';
    ctx.addIssue({ code: 'custom', input: t, message: `expected exactly one of index, table, ${found}` });
  }
  if (t.table !== undefined && t.source === undefined) {
    ctx.addIssue({ code: 'custom', path: ['source'], input: t, message: 'expected the postgres source holding the table' });
  }
  if (t.table !== undefined) {
    for (const field of ['id', 'updatedAt', 'version'] as const) {
      const value = t[field];
      if (value !== undefined && !column().safeParse(value).success) {
        ctx.addIssue({ code: 'custom', path: [field], input: value, message: 'expected a column name of letters, digits and "_"' });
      }
    }
  }
});

export const reconciliationSchema = obj({
  name: name(),
  pipeline: name(),
  source: sourceSide,
  target: targetSide,
  /** Rows changed more recently than this are still in flight, not missing. */
  settle: duration().prefault('2m'),
  /** The recent history compared on every run; older history is walked one window per run. */
  window: duration().prefault('24h'),
  /** How often to run; runs in between are skipped (the runner's interval is much shorter). */
  every: duration().prefault('1m'),
  /**
   * The bound on one run. A run compares the whole window on both sides (aggregates over a
   * million rows take seconds), so it gets longer than a collector's scrape; queries on either
   * side carry the same bound. It may be longer than `every`: a job's runs never overlap, a long
   * run only delays the next.
   */
  timeout: duration().prefault('60s'),
  budget: obj({
    /** Queries per run, both sides together. */
    queries: int(4, 100_000).default(400),
    /** Rows fetched per run (bucket summaries, listed keys and looked-up keys), both sides together. */
    rows: int(100, 100_000_000).default(100_000),
  }).prefault({}),
  /** Mismatched keys kept per run and reason, for the drill-down. */
  sampleSize: int(1, 1000).default(100),
}).superRefine((r, ctx) => {
  if (r.source.version !== undefined && r.target.version === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['target', 'version'],
      input: r.target,
      message: 'expected the target version field, since the source names a version column',
    });
  }
  if (r.settle >= r.window) {
    ctx.addIssue({ code: 'custom', path: ['settle'], input: r.settle, message: 'expected a settle time shorter than the window' });
  }
});

export type ReconciliationConfig = z.output<typeof reconciliationSchema>;
