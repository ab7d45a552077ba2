// A lag figure: the number, or "unknown" with why. A stale snapshot's number is not shown as now.
import { formatClock, UNKNOWN } from '@/lib/views/shared/format';

export function LagValue({
  value,
  format,
  stale,
  at,
  why,
  testId,
}: {
  value: number | null;
  format: (value: number) => string;
  stale: boolean;
  /** When the figure was read (ISO). */
  at: string;
  /** Why a null value is unknown, in words ("no commit"). */
  why: string;
  testId?: string;
}) {
  if (!stale && value !== null) {
    return (
      <span className="measure" data-known="true" data-testid={testId}>
        {format(value)}
      </span>
    );
  }
  return (
    <span className="measure status-unknown" data-known="false" data-testid={testId}>
      {UNKNOWN}
      <span className="muted small" suppressHydrationWarning>
        {stale ? ` since ${formatClock(at)}` : ` (${why})`}
      </span>
    </span>
  );
}
