'use client';
// The consistency pages' polling queries: the overview of every reconciliation, and one
// reconciliation's mismatched keys (keyed by name and reason, both from the URL).
import { useLiveQuery } from '@/components/hooks/useLiveQuery';
import type { MismatchReason } from '@/lib/reconcile/types';
import { consistencyDataSchema, mismatchesDataSchema, type ConsistencyData, type MismatchesData } from '@/lib/views/consistency/schema';

/** Reconciliations run about once a minute; polling faster would show nothing new. */
export const CONSISTENCY_REFRESH_MS = 30_000;

export function useConsistency(initial: ConsistencyData | null, initialError: string | null) {
  return useLiveQuery({
    key: ['consistency'],
    url: '/api/consistency',
    schema: consistencyDataSchema,
    initial,
    initialError,
    intervalMs: CONSISTENCY_REFRESH_MS,
  });
}

export function useMismatches(
  reconciliation: string,
  reason: MismatchReason | null,
  initial: MismatchesData | null,
  initialError: string | null,
) {
  const url = `/api/consistency/${encodeURIComponent(reconciliation)}${reason ? `?reason=${reason}` : ''}`;
  return useLiveQuery({
    key: ['consistency-mismatches', url],
    url,
    schema: mismatchesDataSchema,
    initial,
    initialError,
    intervalMs: CONSISTENCY_REFRESH_MS,
  });
}
