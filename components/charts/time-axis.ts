// What every time-series chart shares: the time axis (ticks with the weekday once buckets span half
// an hour or more), the tooltip's time label and its colours, so the SLI and lag charts read alike.

function tickTime(bucketSeconds: number) {
  const withDay = bucketSeconds >= 1800;
  return (t: number) =>
    new Date(t).toLocaleString(
      'en-GB',
      withDay
        ? { weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false }
        : { hour: '2-digit', minute: '2-digit', hour12: false },
    );
}

/** Props for the XAxis of a chart whose rows carry their time in `t` (ms since the epoch). */
export function timeAxisProps(bucketSeconds: number) {
  return {
    dataKey: 't',
    type: 'number' as const,
    scale: 'time' as const,
    domain: ['dataMin', 'dataMax'] as [string, string],
    tickFormatter: tickTime(bucketSeconds),
    stroke: 'var(--muted)',
  };
}

/** Props for the Tooltip: the full time as its label, the panel's colours. */
export const timeTooltipProps = {
  labelFormatter: (t: unknown) => new Date(Number(t)).toLocaleString('en-GB', { hour12: false }),
  contentStyle: { background: 'var(--panel)', border: '1px solid var(--border)' },
};
