'use client';
// `/wall`: the ops-room screen. Dark, large, nothing to click; Tier 0 first and, within a tier,
// what is not ok first with its cause. The time of the last successful refresh is always on
// screen, and when the data is stale a full-width banner says so and every status turns unknown —
// a frozen green is the one thing a wall screen must never show. What does not fit one screen is
// split into pages the wall rotates through, numbered.
import type { CSSProperties } from 'react';
import { formatClock } from '@/lib/views/shared/format';
import { arrangeWall, tileColumns, type WallMetrics } from '@/lib/views/wall/layout';
import { selectWallFeatures, type WallParams } from '@/lib/views/wall/params';
import type { WallData } from '@/lib/views/wall/schema';
import { StaleBanner } from './StaleBanner';
import { usePageRotation, useScreenSize } from './useScreen';
import { useWall } from './useWall';
import { WallTierView } from './WallTierView';

/** The stylesheet sizes its blocks from these, so what layout.ts computed is what is drawn. */
function metricVars(m: WallMetrics): CSSProperties {
  const px = (n: number) => `${n}px`;
  return {
    '--wall-tier-head': px(m.tierHead),
    '--wall-allok-line': px(m.allOkLine),
    '--wall-tile-head': px(m.tileHead),
    '--wall-ok-row': px(m.okRow),
    '--wall-bad-row': px(m.badRow),
    '--wall-gap': px(m.gap),
    '--wall-chip-width': px(m.chipWidth),
    '--wall-chip-height': px(m.chipHeight),
    '--wall-side': px(m.sidePadding),
  } as CSSProperties;
}

interface Props {
  initial: WallData | null;
  initialError: string | null;
  params: WallParams;
}

export function Wall({ initial, initialError, params }: Props) {
  const { data, lastSuccessAt, stale, reason } = useWall(initial, initialError);
  const screen = useScreenSize();
  const features = selectWallFeatures(data?.features ?? [], params);
  const { compact, metrics, pages } = arrangeWall(features, { ...screen, stale });
  const pageIndex = usePageRotation(pages.length);
  const columns = tileColumns(screen.width, metrics);
  return (
    <div
      className={compact ? 'wall wall-compact' : 'wall'}
      data-theme="dark"
      data-stale={stale ? 'true' : 'false'}
      data-testid="wall"
      style={metricVars(metrics)}
    >
      {stale && <StaleBanner reason={reason} lastSuccessAt={lastSuccessAt} />}
      <header className="wall-head">
        <h1>Truthflow</h1>
        {pages.length > 1 && (
          <p className="wall-page" data-testid="wall-page">
            page {pageIndex + 1}/{pages.length}
          </p>
        )}
        <p className="wall-refresh" data-testid="last-refresh" suppressHydrationWarning>
          last successful refresh <strong>{formatClock(lastSuccessAt)}</strong>
        </p>
      </header>
      {!data && <p className="wall-empty">No data: the store has not answered since this screen opened.</p>}
      {data && features.length === 0 && <p className="wall-empty">No feature matches this screen&apos;s tier and feature selection.</p>}
      {pages.map((page, i) => (
        // Pages not on show stay in the document, hidden: rotating is a class change, not a render.
        <div key={i} className="wall-page-body" data-testid="wall-page-body" hidden={i !== pageIndex}>
          {page.map((part) => (
            <WallTierView key={part.tier} part={part} columns={columns} stale={stale} />
          ))}
        </div>
      ))}
      {data && (
        <footer className={stale ? 'wall-foot greyed' : 'wall-foot'}>
          collectors heartbeat{stale ? ' (as of the last successful refresh)' : ''}:{' '}
          {data.collectors.heartbeatAgeSeconds === null ? 'never' : `${data.collectors.heartbeatAgeSeconds} s old`} · verdicts go unknown
          after {data.staleAfterSeconds} s
        </footer>
      )}
    </div>
  );
}
