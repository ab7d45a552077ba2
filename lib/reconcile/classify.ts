// Turning candidate keys into verdicts. Bisection finds keys that sit differently in the two sides'
// buckets; a stale document sits in an older bucket than its source row, and a row can move between
// the two sides' reads while writes continue. So every candidate is looked up by key on both sides,
// now, and judged on its current rows: anything changed within `settle` on either side is still in
// flight and not reported.
import type { Budget } from './budget';
import type { KeyRow, Mismatch, ReconcileSide } from './types';

export const LOOKUP_BATCH = 1000;

export interface Classified {
  mismatches: Mismatch[];
  /** Candidates left unjudged because the budget ran out. */
  unjudged: number;
}

export function judge(key: string, source: KeyRow | undefined, target: KeyRow | undefined, cutoffMs: number): Mismatch | null {
  if ((source && source.updatedAtMs >= cutoffMs) || (target && target.updatedAtMs >= cutoffMs)) return null;
  if (source && !target) return { key, reason: 'missing', sourceVersion: source.version, targetVersion: null, sinceMs: source.updatedAtMs };
  if (!source && target) return { key, reason: 'extra', sourceVersion: null, targetVersion: target.version, sinceMs: target.updatedAtMs };
  if (source && target && source.version !== target.version) {
    return { key, reason: 'stale', sourceVersion: source.version, targetVersion: target.version, sinceMs: source.updatedAtMs };
  }
  return null;
}

export async function classify(
  source: ReconcileSide,
  target: ReconcileSide,
  candidates: Iterable<string>,
  cutoffMs: number,
  budget: Budget,
): Promise<Classified> {
  const keys = [...candidates].sort();
  const out: Classified = { mismatches: [], unjudged: 0 };
  for (let i = 0; i < keys.length; i += LOOKUP_BATCH) {
    const batch = keys.slice(i, i + LOOKUP_BATCH);
    if (!budget.allows(2, 2 * batch.length)) {
      out.unjudged += keys.length - i;
      break;
    }
    const [s, t] = await Promise.all([source.lookup(batch), target.lookup(batch)]);
    budget.spend(2, s.length + t.length);
    const sourceRows = new Map(s.map((r) => [r.key, r]));
    const targetRows = new Map(t.map((r) => [r.key, r]));
    for (const key of batch) {
      const verdict = judge(key, sourceRows.get(key), targetRows.get(key), cutoffMs);
      if (verdict) out.mismatches.push(verdict);
    }
  }
  return out;
}

/**
 * A delete carries no timestamp, so a document whose source row was deleted a moment ago looks
 * extra until the delete reaches the target. An extra is reported only once a run at least
 * `settle` after the one that first saw it still finds it; `pending` carries first sightings.
 */
export function confirmExtras(
  found: Mismatch[],
  pending: Map<string, number>,
  nowMs: number,
  settleMs: number,
): { confirmed: Mismatch[]; waiting: number } {
  const seen = new Set<string>();
  const confirmed: Mismatch[] = [];
  for (const m of found) {
    if (m.reason !== 'extra') {
      confirmed.push(m);
      continue;
    }
    seen.add(m.key);
    const first = pending.get(m.key) ?? nowMs;
    pending.set(m.key, first);
    if (nowMs - first >= settleMs) confirmed.push(m);
  }
  for (const key of [...pending.keys()]) if (!seen.has(key)) pending.delete(key);
  return { confirmed, waiting: seen.size - confirmed.filter((m) => m.reason === 'extra').length };
}
