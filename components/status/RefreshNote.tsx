// When the page last refreshed, and — when its refresh is failing — that the figures on it can no
// longer be vouched for. Times come from the query's own timestamps, never from a timer.
import { formatClock } from '@/lib/views/shared/format';

export interface RefreshInfo {
  lastSuccessAt: number;
  stale: boolean;
  reason: string | null;
}

export function RefreshNote({ refresh }: { refresh: RefreshInfo }) {
  const at = refresh.lastSuccessAt ? formatClock(refresh.lastSuccessAt) : 'never';
  if (!refresh.stale) {
    return (
      <p className="muted small" data-testid="refresh-note" data-stale="false" suppressHydrationWarning>
        updated {at}
      </p>
    );
  }
  return (
    <p role="status" className="status status-unknown small" data-testid="refresh-note" data-stale="true" suppressHydrationWarning>
      ? Refresh failing ({refresh.reason}); figures are from {at} and shown as unknown.
    </p>
  );
}
