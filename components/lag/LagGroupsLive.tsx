'use client';
// `/lag` in the browser: polls the groups API for the URL's page and renders the server's first view.
import type { LagGroupsData } from '@/lib/views/lag/schema';
import { LagGroupsView } from './LagGroupsView';
import { useLagGroups } from './useLagGroups';

export function LagGroupsLive({ initial }: { initial: LagGroupsData }) {
  const { data, lastSuccessAt, stale, reason } = useLagGroups(initial);
  return <LagGroupsView data={data} refresh={{ lastSuccessAt, stale, reason }} />;
}
