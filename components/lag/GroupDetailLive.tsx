'use client';
// `/lag/[cluster]/[group]` in the browser: polls the group's API and renders the server's first view.
import type { LagGroupDetail } from '@/lib/views/lag/schema';
import { GroupDetail } from './GroupDetail';
import { useLagGroup } from './useLagGroup';

export function GroupDetailLive({ initial }: { initial: LagGroupDetail }) {
  const { data, lastSuccessAt, stale, reason } = useLagGroup(initial);
  return <GroupDetail data={data} refresh={{ lastSuccessAt, stale, reason }} />;
}
