// Finding the keys that differ between two sides without reading every key: compare each bucket's
// row count and hash sum, split only the buckets that differ (by time while a bucket spans more
// than a millisecond per part, then by row-hash range), and list keys on both sides once a bucket
// is small. Equal summaries mean equal contents (up to a 2^-28-ish chance per bucket that a
// difference cancels out exactly; docs/algorithms.md "Reconciliation"), so rows fetched grow with
// the number of mismatches, not with the size of the tables.
import type { Budget } from './budget';
import { EXACT_SUM_ROWS, HASH_SPACE } from './hash';
import type { Bucket, BucketSummary, KeyRow, ReconcileSide } from './types';

export interface BisectOptions {
  /** Parts a differing bucket is split into. */
  fanOut: number;
  /** A differing bucket with at most this many rows on either side is listed rather than split. */
  leafRows: number;
  /** Buckets per summary query (one filters aggregation or one LATERAL query). */
  batch: number;
}

export const DEFAULT_BISECT: BisectOptions = { fanOut: 16, leafRows: 64, batch: 400 };

export interface BisectResult {
  /** Keys seen on one side only, or with different versions, inside equal buckets of both sides. */
  candidates: Set<string>;
  /** Rows counted on the source side in the top-level buckets (the denominator of completeness). */
  sourceRows: number;
  targetRows: number;
  /** Differing buckets the budget left unexamined. */
  unresolved: number;
  /** Row-count difference in the unresolved buckets: a lower bound of what was not listed. */
  unresolvedRows: number;
}

function differs(a: BucketSummary, b: BucketSummary): boolean {
  return a.count !== b.count || a.hashSum !== b.hashSum || a.count > EXACT_SUM_ROWS;
}

/** Splits a bucket in time while parts stay at least 1 ms wide, otherwise in row-hash space. */
export function splitBucket(b: Bucket, fanOut: number): Bucket[] {
  const width = b.to - b.from;
  if (width >= 2) {
    const parts = Math.min(fanOut, width);
    return cut(b.from, b.to, parts).map(([from, to]) => ({ ...b, from, to }));
  }
  const hashWidth = b.hashHi - b.hashLo;
  if (hashWidth >= 2) {
    const parts = Math.min(fanOut, hashWidth);
    return cut(b.hashLo, b.hashHi, parts).map(([hashLo, hashHi]) => ({ ...b, hashLo, hashHi }));
  }
  return [];
}

function cut(lo: number, hi: number, parts: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < parts; i++) {
    const a = lo + Math.floor(((hi - lo) * i) / parts);
    const z = lo + Math.floor(((hi - lo) * (i + 1)) / parts);
    if (z > a) out.push([a, z]);
  }
  return out;
}

/** Equal-width top-level buckets over [from, to), whole milliseconds, all of hash space. */
export function topBuckets(from: number, to: number, count: number): Bucket[] {
  if (to <= from) return [];
  return cut(from, to, Math.min(count, to - from)).map(([a, z]) => ({ from: a, to: z, hashLo: 0, hashHi: HASH_SPACE }));
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function diffRows(source: KeyRow[], target: KeyRow[], into: Set<string>): void {
  const targetVersions = new Map(target.map((r) => [r.key, r.version]));
  const sourceKeys = new Set<string>();
  for (const r of source) {
    sourceKeys.add(r.key);
    if (targetVersions.get(r.key) !== r.version) into.add(r.key);
  }
  for (const r of target) if (!sourceKeys.has(r.key)) into.add(r.key);
}

export async function bisect(
  source: ReconcileSide,
  target: ReconcileSide,
  top: readonly Bucket[],
  cutoffMs: number,
  budget: Budget,
  opts: BisectOptions = DEFAULT_BISECT,
): Promise<BisectResult> {
  const result: BisectResult = { candidates: new Set(), sourceRows: 0, targetRows: 0, unresolved: 0, unresolvedRows: 0 };
  let frontier: Bucket[] = [...top];
  let first = true;
  while (frontier.length > 0) {
    const leaves: Array<{ bucket: Bucket; rows: number }> = [];
    const next: Bucket[] = [];
    let examined = 0;
    for (const batch of chunks(frontier, opts.batch)) {
      if (!budget.allows(2, 2 * batch.length)) break;
      const [s, t] = await Promise.all([source.summarize(batch, cutoffMs), target.summarize(batch, cutoffMs)]);
      budget.spend(2, 2 * batch.length);
      examined += batch.length;
      batch.forEach((bucket, i) => {
        const a = s[i]!;
        const b = t[i]!;
        if (first) {
          result.sourceRows += a.count;
          result.targetRows += b.count;
        }
        if (!differs(a, b)) return;
        const rows = Math.max(a.count, b.count);
        const parts = rows > opts.leafRows ? splitBucket(bucket, opts.fanOut) : [];
        if (parts.length > 0) next.push(...parts);
        else leaves.push({ bucket, rows: a.count + b.count });
      });
    }
    result.unresolved += frontier.length - examined;
    first = false;
    await listLeaves(source, target, leaves, cutoffMs, budget, opts, result);
    frontier = next;
  }
  return result;
}

async function listLeaves(
  source: ReconcileSide,
  target: ReconcileSide,
  leaves: Array<{ bucket: Bucket; rows: number }>,
  cutoffMs: number,
  budget: Budget,
  opts: BisectOptions,
  result: BisectResult,
): Promise<void> {
  // Batches of leaves whose rows together stay well under one search listing's limit.
  const batches: Array<typeof leaves> = [];
  let current: typeof leaves = [];
  let rows = 0;
  for (const leaf of leaves) {
    if (current.length > 0 && (rows + leaf.rows > 4000 || current.length >= opts.batch)) {
      batches.push(current);
      [current, rows] = [[], 0];
    }
    current.push(leaf);
    rows += leaf.rows;
  }
  if (current.length > 0) batches.push(current);
  for (const batch of batches) {
    const expected = batch.reduce((n, l) => n + l.rows, 0);
    if (!budget.allows(2, expected)) {
      result.unresolved += batch.length;
      result.unresolvedRows += expected;
      continue;
    }
    const buckets = batch.map((l) => l.bucket);
    const [s, t] = await Promise.all([source.list(buckets, cutoffMs), target.list(buckets, cutoffMs)]);
    budget.spend(2, s.length + t.length);
    diffRows(s, t, result.candidates);
  }
}
