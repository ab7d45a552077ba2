// Durations, clock times and lane names as an SRE reads them on the order page.

/** "850 ms", "3.2 s", "4 min 12 s", "2 h 5 min". */
export function formatDuration(us: number): string {
  const ms = us / 1000;
  if (ms < 1) return `${Math.max(0, Math.round(us))} µs`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.floor(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** "14:02:11" in UTC: the page says once that its times are UTC. */
export function clockTime(us: number): string {
  return new Date(Math.floor(us / 1000)).toISOString().slice(11, 19);
}

export function laneLabel(lane: string): string {
  if (lane === 'postgres') return 'Postgres';
  if (lane === 'search') return 'Search';
  if (lane === 'kafka') return 'Kafka';
  if (lane.startsWith('kafka:')) return `Kafka topic ${lane.slice('kafka:'.length)}`;
  return lane;
}

export const topicOfLane = (lane: string): string | undefined => (lane.startsWith('kafka:') ? lane.slice('kafka:'.length) : undefined);
