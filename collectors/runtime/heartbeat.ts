// The collectors process proves it is alive by writing a heartbeat; /api/health reports its age.
// A failed beat (store down) is logged and retried on the next tick, never fatal.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger } from '@/lib/log';
import { removeHeartbeat, writeHeartbeat, type HeartbeatIdentity } from '@/lib/store/queries/heartbeats';

export const HEARTBEAT_INTERVAL_MS = 5_000;

export function heartbeatIdentity(version: string): HeartbeatIdentity {
  return { processId: randomUUID(), hostname: hostname(), pid: process.pid, version, startedAt: new Date() };
}

export function startHeartbeat(who: HeartbeatIdentity, log: Logger, intervalMs = HEARTBEAT_INTERVAL_MS): () => Promise<void> {
  let failing = false;
  const beat = async () => {
    try {
      await writeHeartbeat(who, new Date());
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
