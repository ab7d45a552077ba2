'use client';
// `/consistency/[reconciliation]` in the browser: polls the mismatched keys and renders them — or,
// when the server could not read the store, says so and keeps polling until it can.
import { StoreDown } from '@/components/status/StoreDown';
import type { FirstPaint } from '@/lib/http/first-paint';
import type { MismatchReason } from '@/lib/reconcile/types';
import type { MismatchesData } from '@/lib/views/consistency/schema';
import { MismatchesView } from './MismatchesView';
import { CONSISTENCY_REFRESH_MS, useMismatches } from './useConsistency';

export function MismatchesLive({
  reconciliation,
  reason,
  initial,
  initialError,
}: FirstPaint<MismatchesData> & { reconciliation: string; reason: MismatchReason | null }) {
  const { data, refresh } = useMismatches(reconciliation, reason, initial, initialError);
  return data ? (
    <MismatchesView data={data} refresh={refresh} />
  ) : (
    <StoreDown title={reconciliation} refresh={refresh} intervalMs={CONSISTENCY_REFRESH_MS} />
  );
}
