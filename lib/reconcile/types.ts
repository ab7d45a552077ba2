// The vocabulary of a reconciliation: buckets of (time, row-hash) space, what each side says about
// a bucket, and the keys found to differ. Times are epoch milliseconds: a search index keeps dates
// to the millisecond, so every boundary is a whole millisecond on both sides.

/** Rows with updatedAt in [from, to) and row hash in [hashLo, hashHi). */
export interface Bucket {
  from: number;
  to: number;
  hashLo: number;
  hashHi: number;
}

/** One bucket's row count and the sum of its row hashes (order-independent). */
export interface BucketSummary {
  count: number;
  hashSum: bigint;
}

export interface KeyRow {
  key: string;
  version: string;
  updatedAtMs: number;
}

/** One side of a comparison: the system of record or a derived store. Read-only by construction. */
export interface ReconcileSide {
  /** Short words for notes and errors, e.g. `postgres shop.orders`. */
  readonly label: string;
  /** Summaries in the order of `buckets`, counting only rows updated before `cutoffMs`. */
  summarize(buckets: readonly Bucket[], cutoffMs: number): Promise<BucketSummary[]>;
  /** Every row in the buckets (updated before `cutoffMs`); callers only ask for small buckets. */
  list(buckets: readonly Bucket[], cutoffMs: number): Promise<KeyRow[]>;
  /** The current row of each key that exists, whatever its age. */
  lookup(keys: readonly string[]): Promise<KeyRow[]>;
  /** The oldest updatedAt on this side, or null when it is empty. */
  oldestMs(): Promise<number | null>;
}

export const MISMATCH_REASONS = ['missing', 'extra', 'stale'] as const;
export type MismatchReason = (typeof MISMATCH_REASONS)[number];

export interface Mismatch {
  key: string;
  reason: MismatchReason;
  sourceVersion: string | null;
  targetVersion: string | null;
  /** When the side holding the newer truth changed: the age of the mismatch counts from here. */
  sinceMs: number;
}
