// One reconciliation run: which time ranges it compares (the recent window, plus one older slice
// per run walked round-robin through history), bisection within the budget, judging candidates,
// and the counts, ages and key sample a run reports. Pure orchestration over two ReconcileSides,
// so the same code compares a table with an index or with a warehouse table.
import { bisect, DEFAULT_BISECT, topBuckets, type BisectOptions } from './bisect';
import { Budget, type BudgetLimits } from './budget';
import { classify, confirmExtras } from './classify';
import { MISMATCH_REASONS, type Mismatch, type MismatchReason, type ReconcileSide } from './types';

export interface ReconcileInput {
  source: ReconcileSide;
  target: ReconcileSide;
  nowMs: number;
  settleMs: number;
  windowMs: number;
  /** Where the previous run's history slice ended (exclusive upper bound of this run's), if any. */
  historyCursorMs: number | null;
  budget: BudgetLimits;
  sampleSize: number;
  /** First sightings of extra keys, kept across runs (see confirmExtras). */
  pendingExtras: Map<string, number>;
  bisect?: BisectOptions;
}

export interface ReconcileOutcome {
  windowFromMs: number;
  cutoffMs: number;
  history: { fromMs: number; toMs: number } | null;
  nextHistoryCursorMs: number | null;
  sourceRows: number;
  targetRows: number;
  counts: Record<MismatchReason, number>;
  /** Extra keys seen but not yet confirmed by a run `settle` later. */
  pendingExtra: number;
  oldestMismatchMs: number | null;
  /** Oldest first, at most sampleSize per reason. */
  sample: Mismatch[];
  queries: number;
  rowsFetched: number;
  cutShort: boolean;
  note: string | null;
  /** 1 − (missing + stale) / source rows compared; null when no source row was compared. */
  completeness: number | null;
}

const RECENT_BUCKETS = 64;
const HISTORY_BUCKETS = 16;

async function historySlice(input: ReconcileInput, windowFromMs: number, budget: Budget) {
  const [a, b] = await Promise.all([input.source.oldestMs(), input.target.oldestMs()]);
  budget.spend(2, 2);
  const oldest = a === null ? b : b === null ? a : Math.min(a, b);
  const cursor = Math.min(input.historyCursorMs ?? windowFromMs, windowFromMs);
  if (oldest === null || oldest >= cursor) return { slice: null, next: null };
  const fromMs = Math.max(Math.floor(oldest), cursor - input.windowMs);
  // Back at the oldest row: the next run starts again just behind the recent window.
  return { slice: { fromMs, toMs: cursor }, next: fromMs <= oldest ? null : fromMs };
}

export async function reconcile(input: ReconcileInput): Promise<ReconcileOutcome> {
  const budget = new Budget(input.budget);
  const nowMs = Math.floor(input.nowMs);
  const cutoffMs = nowMs - input.settleMs;
  const windowFromMs = nowMs - input.windowMs;
  const { slice, next } = await historySlice(input, windowFromMs, budget);
  const top = [
    ...topBuckets(windowFromMs, cutoffMs, RECENT_BUCKETS),
    ...(slice ? topBuckets(slice.fromMs, slice.toMs, HISTORY_BUCKETS) : []),
  ];
  const found = await bisect(input.source, input.target, top, cutoffMs, budget, input.bisect ?? DEFAULT_BISECT);
  // Extras waiting for confirmation are judged again, wherever the bisection looked this time.
  for (const key of input.pendingExtras.keys()) found.candidates.add(key);
  const judged = await classify(input.source, input.target, found.candidates, cutoffMs, budget);
  const { confirmed, waiting } = confirmExtras(judged.mismatches, input.pendingExtras, nowMs, input.settleMs);

  const counts = Object.fromEntries(MISMATCH_REASONS.map((r) => [r, 0])) as Record<MismatchReason, number>;
  for (const m of confirmed) counts[m.reason] += 1;
  const byAge = [...confirmed].sort((x, y) => x.sinceMs - y.sinceMs || x.key.localeCompare(y.key));
  const sample = MISMATCH_REASONS.flatMap((r) => byAge.filter((m) => m.reason === r).slice(0, input.sampleSize));
  const cutShort = found.unresolved > 0 || judged.unjudged > 0;
  const note = cutShort
    ? `budget (${input.budget.queries} queries, ${input.budget.rows} rows) cut the run short: ` +
      `${found.unresolved} differing buckets and ${judged.unjudged} candidate keys not examined; counts are lower bounds`
    : null;
  const compared = found.sourceRows;
  return {
    windowFromMs,
    cutoffMs,
    history: slice,
    nextHistoryCursorMs: next,
    sourceRows: found.sourceRows,
    targetRows: found.targetRows,
    counts,
    pendingExtra: waiting,
    oldestMismatchMs: byAge[0]?.sinceMs ?? null,
    sample,
    queries: budget.queries,
    rowsFetched: budget.rows,
    cutShort,
    note,
    completeness: compared > 0 ? Math.max(0, 1 - (counts.missing + counts.stale) / compared) : null,
  };
}
