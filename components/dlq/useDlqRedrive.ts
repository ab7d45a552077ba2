'use client';
// One DLQ's redrive: a dry run or a real run on request (never automatically, never retried: a
// retried redrive would send twice), and the audit of past redrives, polled slowly.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLiveQuery } from '@/components/hooks/useLiveQuery';
import { TruthflowError } from '@/lib/errors';
import { redriveAuditSchema, redriveOutcomeSchema, type RedriveRequest } from '@/lib/views/dlq/redrive-schema';

export const REDRIVE_AUDIT_REFRESH_MS = 30_000;

async function postRedrive(dlq: string, request: RedriveRequest) {
  const response = await fetch(`/api/dlq/${encodeURIComponent(dlq)}/redrive`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(request),
    cache: 'no-store',
  }).catch((error: unknown) => {
    throw new TruthflowError('network', `could not reach Truthflow (${(error as Error).message})`);
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${response.status}`;
    throw new TruthflowError(response.status === 401 || response.status === 403 ? 'auth' : 'http', message);
  }
  const parsed = redriveOutcomeSchema.safeParse(body);
  if (!parsed.success) throw new TruthflowError('parse', 'unexpected answer from the redrive API');
  return parsed.data;
}

export function useDlqRedrive(dlq: string) {
  const client = useQueryClient();
  const auditUrl = `/api/dlq/${encodeURIComponent(dlq)}/redrives`;
  const audit = useLiveQuery({
    key: ['dlq-redrives', dlq],
    url: auditUrl,
    schema: redriveAuditSchema,
    initial: null,
    initialError: null,
    intervalMs: REDRIVE_AUDIT_REFRESH_MS,
  });
  const run = useMutation({
    mutationFn: (request: RedriveRequest) => postRedrive(dlq, request),
    retry: false,
    onSuccess: (outcome) => {
      if (!outcome.dryRun) void client.invalidateQueries({ queryKey: ['dlq-redrives', dlq] });
    },
  });
  return { audit, run };
}
