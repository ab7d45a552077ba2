'use client';
// `/dlq` in the browser: polls its API and renders the view the server rendered first.
import type { DlqData } from '@/lib/views/dlq/schema';
import { DlqView } from './DlqView';
import { useDlq } from './useDlq';

export function DlqLive({ initial, canPeek }: { initial: DlqData; canPeek: boolean }) {
  const { data, lastSuccessAt, stale, reason } = useDlq(initial);
  return <DlqView data={data} canPeek={canPeek} refresh={{ lastSuccessAt, stale, reason }} />;
}
