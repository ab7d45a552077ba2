// One measured number with its unit, or "unknown" with the time of the last reading: a missing or
// stale reading never turns into a 0 on screen.
import type { Measure } from '@/lib/views/shared/schema';
import { formatClock, UNKNOWN } from '@/lib/views/shared/format';

export function MeasureValue({ measure, format, testId }: { measure: Measure; format: (value: number) => string; testId?: string }) {
  if (measure.value !== null) {
    return (
      <span className="measure" data-known="true" data-testid={testId} title={measure.at ? `read at ${measure.at}` : undefined}>
        {format(measure.value)}
      </span>
    );
  }
  return (
    <span className="measure status-unknown" data-known="false" data-testid={testId}>
      {UNKNOWN}
      <span className="muted">{measure.at ? ` since ${formatClock(measure.at)}` : ' (no reading)'}</span>
    </span>
  );
}
