// One admin request as the offset readers make it: counted (the request count must stay bounded
// by groups and topics, never partitions), refused once the run is aborted, and its failure
// turned into a typed error. Also the bounded-concurrency map every reader uses.
import { TruthflowError } from '@/lib/errors';
import { isUnknownTopic, kafkaError } from './errors';

/** The client's metadata names a topic that no longer exists: discard the client and retry. */
export class StaleTopicMetadataError extends TruthflowError {
  constructor(what: string, cause: unknown) {
    super('config', `${what}: the client's metadata still names a deleted topic`, { cause });
    this.name = 'StaleTopicMetadataError';
  }
}

export type Call = <T>(what: string, run: () => Promise<T>, ownTopic?: boolean) => Promise<T>;

export interface Caller {
  call: Call;
  /** Requests made so far. */
  calls(): number;
}

export function adminCaller(signal?: AbortSignal): Caller {
  let calls = 0;
  // kafkajs puts every topic it ever looked up into its later metadata requests; once one of them
  // is deleted, any call that refreshes metadata fails with "unknown topic". Only a fresh client
  // forgets it. A topic's own lookup (`ownTopic`) may fail for the plain reason that it is gone.
  const call: Call = async (what, run, ownTopic = false) => {
    // An aborted run (collector timeout) issues no further requests.
    if (signal?.aborted) throw new TruthflowError('timeout', `${what}: run aborted at the collector timeout`);
    calls++;
    try {
      return await run();
    } catch (error) {
      if (!ownTopic && isUnknownTopic(error)) throw new StaleTopicMetadataError(what, error);
      throw kafkaError(error, what);
    }
  };
  return { call, calls: () => calls };
}

/**
 * Runs `fn` over `items` with at most `limit` in flight, keeping the order of results. After the
 * first failure no new item starts: with the broker down, 10,000 more doomed calls help nobody.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed) {
      const i = next++;
      try {
        results[i] = await fn(items[i]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * At most `limit` calls in flight across every caller holding this limiter: the lag shards one
 * process holds share it, so holding nine shards does not put nine times the requests on the
 * broker at once (kafkajs then times out looking up group coordinators).
 */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
