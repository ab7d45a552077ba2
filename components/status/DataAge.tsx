// Every number on screen carries its age. A reading older than `staleAfterSeconds` says so in words.
export function formatAge(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return `${(seconds / 3600).toFixed(1)} h ago`;
}

export function DataAge({ at, now, staleAfterSeconds }: { at: string | null; now: number; staleAfterSeconds: number }) {
  if (!at)
    return (
      <span className="status status-unknown" data-age="none">
        no data yet
      </span>
    );
  const seconds = Math.max(0, (now - Date.parse(at)) / 1000);
  const stale = seconds > staleAfterSeconds;
  const time = new Date(at).toLocaleTimeString('en-GB', { hour12: false });
  return (
    <span className={stale ? 'status status-unknown' : 'muted'} data-age={stale ? 'stale' : 'fresh'} title={at} suppressHydrationWarning>
      {stale ? `unknown since ${time}` : formatAge(seconds)}
    </span>
  );
}
