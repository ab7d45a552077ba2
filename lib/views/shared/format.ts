// Numbers in words for every dashboard view. Each formatter says "unknown" for null: unknown is not
// zero, and a blank cell would read as one.
import type { SliUnit, Tier } from '../../config/schema-features';

export const UNKNOWN = 'unknown';

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return UNKNOWN;
  const s = Math.max(0, seconds);
  if (s < 60) return `${s < 10 ? Number(s.toFixed(1)) : Math.round(s)} s`;
  if (s < 3600) return `${Number((s / 60).toFixed(1))} min`;
  if (s < 86_400) return `${Number((s / 3600).toFixed(1))} h`;
  return `${Number((s / 86_400).toFixed(1))} d`;
}

export function formatCount(n: number | null): string {
  return n === null ? UNKNOWN : Math.round(n).toLocaleString('en-US');
}

export function formatRate(n: number | null, per: string): string {
  return n === null ? UNKNOWN : `${Number(n.toFixed(2))} ${per}`;
}

export function formatPercent(ratio: number | null, digits = 1): string {
  return ratio === null ? UNKNOWN : `${(ratio * 100).toFixed(digits)} %`;
}

export function formatSli(value: number | null, unit: SliUnit): string {
  if (value === null) return UNKNOWN;
  if (unit === 'seconds') return formatDuration(value);
  if (unit === 'messages per minute') return formatRate(value, 'msg/min');
  if (unit === 'per second') return formatRate(value, '/s');
  if (unit === 'keys') return `${formatCount(value)} keys`;
  if (unit === 'bytes') return formatBytes(value);
  return formatPercent(value, 2);
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return UNKNOWN;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${Number(v.toFixed(1))} ${units[i]}`;
}

export function formatBurn(burn: number | null): string {
  if (burn === null) return UNKNOWN;
  return `${burn < 10 ? burn.toFixed(2) : burn.toFixed(1)}×`;
}

/** Budget remaining, with an overspent budget said in words rather than as a bare negative number. */
export function formatBudget(remaining: number | null): string {
  if (remaining === null) return UNKNOWN;
  return remaining < 0 ? `overspent (${formatPercent(remaining)})` : `${formatPercent(remaining)} left`;
}

/** Wall-clock time of an ISO timestamp, 24-hour, in the viewer's time zone. */
export function formatClock(iso: string | number | null): string {
  if (iso === null) return 'never';
  return new Date(iso).toLocaleTimeString('en-GB', { hour12: false });
}

export const TIER_WORDS: Record<Tier, string> = {
  0: 'Tier 0 — must be correct',
  1: 'Tier 1 — should be correct soon',
  2: 'Tier 2 — best effort',
};
