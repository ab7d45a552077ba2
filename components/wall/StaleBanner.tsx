// Full-width, impossible to miss from across the room: what is on the wall can no longer be trusted.
import { formatClock } from '@/lib/views/shared/format';

export function StaleBanner({ reason, lastSuccessAt }: { reason: string | null; lastSuccessAt: number | null }) {
  return (
    <div role="alert" className="stale-banner" data-testid="stale-banner">
      <strong>⚠ STALE DATA</strong> — {reason ?? 'no fresh data'}.{' '}
      <span suppressHydrationWarning>Last successful refresh: {formatClock(lastSuccessAt)}.</span> Statuses below are unknown.
    </div>
  );
}
