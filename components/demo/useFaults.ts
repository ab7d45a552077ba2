'use client';
// One polling hook for the fault panel; switches can also be flipped from the CLI meanwhile.
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { faultViewSchema, type FaultView } from '@/lib/fault-switches/switches';
import { fetchJson } from '@/lib/http/fetch-json';

export type { FaultView };

export const FAULTS_REFRESH_MS = 3_000;

const faultsSchema = z.object({ faults: z.array(faultViewSchema) });

export function useFaults(initial: FaultView[]) {
  return useQuery({
    queryKey: ['demo-faults'],
    queryFn: ({ signal }) => fetchJson('/api/demo/faults', faultsSchema, signal).then((b) => b.faults),
    initialData: initial,
    refetchInterval: FAULTS_REFRESH_MS,
  });
}
