'use client';
// The outbox page's one polling query.
import { useLiveQuery } from '@/components/hooks/useLiveQuery';
import { outboxDataSchema, type OutboxData } from '@/lib/views/outbox/schema';

/** The collectors' default interval: the backlog is measured once per outbox collector run. */
export const OUTBOX_REFRESH_MS = 10_000;

export function useOutbox(initial: OutboxData | null, initialError: string | null) {
  return useLiveQuery({
    key: ['outbox'],
    url: '/api/outbox',
    schema: outboxDataSchema,
    initial,
    initialError,
    intervalMs: OUTBOX_REFRESH_MS,
  });
}
