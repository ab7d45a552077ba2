'use client';
// One DLQ's peek: fetched when asked for, never polled. Each peek joins a throwaway consumer group
// on the monitored cluster, so a page left open must not keep doing it.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchJson } from '@/lib/http/fetch-json';
import { dlqPeekSchema } from '@/lib/views/dlq/schema';

/** On demand only: no interval, and a focused window does not re-peek either. */
export const DLQ_PEEK_REFETCH_INTERVAL = false;

export function useDlqPeek(dlq: string) {
  const [asked, setAsked] = useState(false);
  const query = useQuery({
    queryKey: ['dlq-peek', dlq],
    queryFn: ({ signal }) => fetchJson(`/api/dlq/${encodeURIComponent(dlq)}/peek`, dlqPeekSchema, signal),
    enabled: asked,
    refetchInterval: DLQ_PEEK_REFETCH_INTERVAL,
    refetchOnWindowFocus: false,
    staleTime: Infinity,
    retry: false,
  });
  const peek = () => (asked ? void query.refetch() : setAsked(true));
  return { peek, asked, data: query.data, error: query.error, fetching: query.isFetching };
}
