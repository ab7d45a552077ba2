// The collectors process proves it is alive by writing a heartbeat; /api/health reports its age.
// Alive is not enough: a process whose jobs all wait on one hung query still beats. So each beat
// also carries how late the most overdue job is (time since it last began a tick, beyond its
// interval and timeout), and /api/health fails on that too. A failed beat (store down) is logged
// and retried on the next tick, never fatal.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger } from '@/lib/log';
import { removeHeartbeat, writeHeartbeat, type HeartbeatIdentity } from '@/lib/store/queries/heartbeats';

export const HEARTBEAT_INTERVAL_MS = 5_000;

export function heartbeatIdentity(version: string): HeartbeatIdentity {
  return { processId: randomUUID(), hostname: hostname(), pid: process.pid, version, startedAt: new Date() };
}

export interface JobPulse {
  /** The jobs that should be running. */
  keys: () => readonly string[];
  /** When each job last began a tick (asked for its lease), in ms since the epoch. */
  lastTickAt: ReadonlyMap<string, number>;
  /** The longest a healthy job goes between two ticks: its interval plus its run timeout. */
  expectedGapMs: number;
  /** A job that never ticked counts from here (the runner's start). */
  since: number;
}

/** Seconds by which the most overdue job is late; 0 when every job began a tick in time. */
export function overdueSeconds(pulse: JobPulse, now = Date.now()): number {
  let worst = 0;
  for (const key of pulse.keys()) {
    const last = pulse.lastTickAt.get(key) ?? pulse.since;
    worst = Math.max(worst, now - last - pulse.expectedGapMs);
  }
  return Math.round(worst / 100) / 10;
}

export function startHeartbeat(
  who: HeartbeatIdentity,
  log: Logger,
  intervalMs = HEARTBEAT_INTERVAL_MS,
  pulse?: JobPulse,
): () => Promise<void> {
  let failing = false;
  let stalled = false;
  const beat = async () => {
    try {
      const overdue = pulse ? overdueSeconds(pulse) : 0;
      if (overdue > 0 !== stalled) {
        stalled = overdue > 0;
        if (stalled) log.warn({ overdueSeconds: overdue }, 'jobs are overdue: a tick is stuck (lease or store not answering?)');
        else log.info('every job is running on time again');
      }
      await writeHeartbeat(who, new Date(), overdue);
      if (failing) log.info('heartbeat written again; store reachable');
      failing = false;
    } catch (error) {
      if (!failing) log.warn({ err: error }, 'heartbeat failed; store unreachable, will retry');
      failing = true;
    }
  };
  void beat();
  const timer = setInterval(() => void beat(), intervalMs);
  return async () => {
    clearInterval(timer);
    await removeHeartbeat(who.processId).catch(() => undefined);
  };
}
