'use client';
// The DLQ page's one polling query (depth, inflow, ages, error classes; never the peek).
import { useLiveQuery } from '@/components/hooks/useLiveQuery';
import { dlqDataSchema, type DlqData } from '@/lib/views/dlq/schema';

/** The collectors' default interval: the dlq collector reads offsets once per run. */
export const DLQ_REFRESH_MS = 10_000;

export function useDlq(initial: DlqData | null, initialError: string | null) {
  return useLiveQuery({ key: ['dlq'], url: '/api/dlq', schema: dlqDataSchema, initial, initialError, intervalMs: DLQ_REFRESH_MS });
}
