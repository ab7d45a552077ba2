// A bound on reads of a monitored cluster made on a user's behalf (the DLQ peek; the order page's
// DLQ check can share it). Each such read joins a throwaway consumer group and may buffer up to
// 32 MiB, so a handful of users clicking — or one script looping — must not open dozens at once:
// at most 2 run, 4 wait, and anything beyond is refused at once. A waiting read whose client has
// gone (its request's AbortSignal) leaves the queue without ever touching the cluster.
import { TruthflowError } from '@/lib/errors';

export const MAX_LIVE_READS = 2;
export const MAX_WAITING_READS = 4;

interface Waiter {
  start(): void;
  signal?: AbortSignal;
}

class Slots {
  active = 0;
  readonly waiting: Waiter[] = [];

  constructor(
    readonly max: number,
    readonly maxWaiting: number,
  ) {}

  async acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw gone();
    if (this.active < this.max) {
      this.active++;
      return;
    }
    if (this.waiting.length >= this.maxWaiting) {
      throw new TruthflowError(
        'timeout',
        `${this.active} live reads running and ${this.waiting.length} waiting; try again in a few seconds`,
      );
    }
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { start: resolve, signal };
      this.waiting.push(waiter);
      signal?.addEventListener(
        'abort',
        () => {
          const at = this.waiting.indexOf(waiter);
          if (at >= 0) this.waiting.splice(at, 1);
          reject(gone());
        },
        { once: true },
      );
    });
  }

  /** The slot passes straight to the next waiter still wanted, so `active` stays counted. */
  release(): void {
    const next = this.waiting.shift();
    if (next) next.start();
    else this.active--;
  }
}

const gone = () => new TruthflowError('timeout', 'the client went away before the read started');

const GLOBAL_KEY = Symbol.for('truthflow.liveReadSlots');

function slots(): Slots {
  const holder = globalThis as { [GLOBAL_KEY]?: Slots };
  return (holder[GLOBAL_KEY] ??= new Slots(MAX_LIVE_READS, MAX_WAITING_READS));
}

/** Runs `read` within the process-wide bound; the signal cancels a wait (and is the read's to honour). */
export async function withLiveReadSlot<T>(read: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const s = slots();
  await s.acquire(signal);
  try {
    return await read();
  } finally {
    s.release();
  }
}

/** For tests: a limiter of its own. */
export function createLiveReadSlots(max: number, maxWaiting: number) {
  const s = new Slots(max, maxWaiting);
  return {
    run: async <T>(read: () => Promise<T>, signal?: AbortSignal): Promise<T> => {
      await s.acquire(signal);
      try {
        return await read();
      } finally {
        s.release();
      }
    },
    state: () => ({ active: s.active, waiting: s.waiting.length }),
  };
}
