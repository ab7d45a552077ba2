// Verdict windows and offset/time tables live in the process running a lag job. When the job moves
// (its old owner was killed, or gave the shard up to balance the load) the new owner starts them
// over, and they are whole again within one verdict window: lag seconds after two polls, WARN
// after a few distinct commits, STOP/STALL once progress has been missing for the 5-minute floor.
// Until then every run notes it, so /lag says why a consumer that was ERR reads OK for a while.
import { createLagState, type LagState } from '@/lib/kafka/lag-state';
import { STATE_REBUILT_NOTE } from '@/lib/kafka/shards';
import { DEFAULT_MIN_STOP_MS } from '@/lib/kafka/verdict';

export interface LagJobState {
  lag: LagState;
  /** performance.now() of the previous run here; real time, as the run clock may be a test's. */
  lastRunMs: number | null;
  /** Run-clock time the state started over after a move, while that is recent. */
  rebuiltAt: number | null;
}

export const createLagJobState = (): LagJobState => ({ lag: createLagState(), lastRunMs: null, rebuiltAt: null });

/** Missing this many intervals means another process ran the job meanwhile. */
const GAP_INTERVALS = 2.5;

/** Call at the start of every run; returns the note to add, if any. */
export function beginRun(state: LagJobState, intervalSeconds: number, now: number): string[] {
  const realNow = performance.now();
  const gapMs = GAP_INTERVALS * intervalSeconds * 1000;
  const firstRun = state.lastRunMs === null;
  const resumed = !firstRun && realNow - state.lastRunMs! > gapMs;
  // Windows from before the gap would judge the time someone else ran the job as "no progress".
  if (resumed) state.lag = createLagState();
  // A first run long after this process started is a takeover; one right after start is not news.
  if (resumed || (firstRun && realNow > gapMs)) state.rebuiltAt = now;
  state.lastRunMs = realNow;
  if (state.rebuiltAt === null) return [];
  if (now - state.rebuiltAt >= DEFAULT_MIN_STOP_MS) {
    state.rebuiltAt = null;
    return [];
  }
  return [
    `${STATE_REBUILT_NOTE} ${new Date(state.rebuiltAt).toISOString()}: lag seconds need two polls, ` +
      'STOP/STALL verdicts up to 5 min without progress',
  ];
}
