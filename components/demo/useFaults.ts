'use client';
// One polling hook for the fault panel; switches can also be flipped from the CLI meanwhile.
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { fetchJson } from '@/lib/http/fetch-json';

export const FAULTS_REFRESH_MS = 3_000;

export const faultSchema = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string(),
  affects: z.string(),
  on: z.boolean(),
  value: z.number().nullish(),
  unit: z.string().optional(),
});
export type FaultView = z.infer<typeof faultSchema>;

const faultsSchema = z.object({ faults: z.array(faultSchema) });

export function useFaults(initial: FaultView[]) {
  return useQuery({
    queryKey: ['demo-faults'],
    queryFn: ({ signal }) => fetchJson('/api/demo/faults', faultsSchema, signal).then((b) => b.faults),
    initialData: initial,
    refetchInterval: FAULTS_REFRESH_MS,
  });
}
