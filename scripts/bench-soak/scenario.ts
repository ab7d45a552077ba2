// What happens when, in simulated time: the hours in which an outbox gets stuck (its SLO burns,
// alerts fire, then resolve), the store outage, the webhook outage, and how often the jobs run.
// Pure functions of the options, so the whole timeline is known before the run and printed with it.
import type { SoakOptions } from './env';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export interface Window {
  from: number;
  to: number;
}

export interface StuckHour extends Window {
  outbox: 'orders-outbox' | 'invoices-outbox';
}

export interface Scenario {
  start: number;
  end: number;
  stuck: StuckHour[];
  storeOutage: Window;
  webhookOutage: Window;
}

const at = (start: number, day: number, hour: number) => start + day * DAY_MS + hour * HOUR_MS;

/**
 * Starts at the current UTC midnight and runs forward: the store stamps a few rows with its own
 * clock (series.created_at), and retention compares those with the simulated cutoff, so the
 * simulated days must not lie before the real time the rows were created.
 */
export function scenarioFor(opts: SoakOptions, realNow = Date.now()): Scenario {
  const start = Math.floor(realNow / DAY_MS) * DAY_MS;
  const storeDay = Math.max(1, Math.round(opts.days * 0.4));
  const webhookDay = Math.max(1, Math.round(opts.days * 0.6));
  const stuck: StuckHour[] = [];
  // The last day stays quiet so every alert has resolved (and its resolve been sent) by the end.
  for (let day = 1; day <= opts.days - 2; day++) {
    if (day % 2 === 1 || day === webhookDay) stuck.push({ outbox: 'orders-outbox', from: at(start, day, 10), to: at(start, day, 11) });
    if (day % 3 === 2) stuck.push({ outbox: 'invoices-outbox', from: at(start, day, 20), to: at(start, day, 21) });
  }
  return {
    start,
    end: start + opts.days * DAY_MS,
    stuck,
    storeOutage: { from: at(start, storeDay, 15), to: at(start, storeDay, 19) },
    webhookOutage: { from: at(start, webhookDay, 6), to: at(start, webhookDay, 14) },
  };
}

export const within = (w: Window, t: number) => t >= w.from && t < w.to;

/** Seconds the outbox's oldest unsent row has waited at `t`: stuck hours climb far past any threshold. */
export function outboxAgeAt(s: Scenario, outbox: string, t: number): number {
  const stuck = s.stuck.find((h) => h.outbox === outbox && within(h, t));
  if (stuck) return 300 + (t - stuck.from) / 1000;
  return 2 + ((t / MINUTE_MS) % 7);
}

/** Around incidents the jobs run more often, so the short burn windows hold observed slices. */
export function tickMinutesAt(s: Scenario, opts: SoakOptions, t: number): number {
  const near = (w: Window, before: number, after: number) => t >= w.from - before && t < w.to + after;
  const busy =
    s.stuck.some((h) => near(h, 15 * MINUTE_MS, 75 * MINUTE_MS)) ||
    near(s.storeOutage, 15 * MINUTE_MS, 45 * MINUTE_MS) ||
    near(s.webhookOutage, 0, 30 * MINUTE_MS);
  return busy ? opts.incidentTickMinutes : opts.tickMinutes;
}

export function describeScenario(s: Scenario): string[] {
  const iso = (t: number) => new Date(t).toISOString().slice(0, 16).replace('T', ' ');
  const dayOf = (t: number) => Math.floor((t - s.start) / DAY_MS) + 1;
  const hours = (w: Window) => `${iso(w.from)}–${iso(w.to).slice(11)}`;
  return [
    `simulated ${iso(s.start)} → ${iso(s.end)} UTC`,
    `outbox stuck for an hour ${s.stuck.length} times (orders-outbox on odd days at 10:00, invoices-outbox every third day at 20:00)`,
    `store outage day ${dayOf(s.storeOutage.from)} ${hours(s.storeOutage)}; webhook outage day ${dayOf(s.webhookOutage.from)} ${hours(s.webhookOutage)}`,
  ];
}
