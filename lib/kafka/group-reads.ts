// Committed offsets of many groups in a few requests: FindCoordinator v4 asks where thousands of
// groups live in one request, OffsetFetch v8 reads hundreds of groups per request from each
// coordinator. kafkajs can send neither (it asks one group per FindCoordinator and per OffsetFetch,
// which at 50,000 groups is 100,000 requests and most of a snapshot's time), so they are encoded
// in group-codec.ts and sent over a kafkajs cluster client made from the source's own Kafka
// instance: the same brokers, TLS, SASL, client id and timeouts as every other request. A broker
// that does not speak these versions (Kafka < 3.0) is left to the per-group path (offsets.ts).
// One GroupReads lives as long as the source's other clients (lib/sources/clients.ts) and is
// shared by every lag shard of the process: it connects once, and it remembers where each group's
// coordinator is, so a steady run asks FindCoordinator only for groups it has not met yet. A
// coordinator that moved answers NOT_COORDINATOR; the group is then located afresh.
import type { Kafka } from 'kafkajs';
import { TruthflowError } from '@/lib/errors';
import { mapLimit, type Call } from './admin-calls';
import { kafkaError } from './errors';
import { createCluster, send, speaks, type RawBroker, type RawCluster } from './raw-cluster';
import {
  API,
  decodeFindCoordinators,
  decodeOffsetFetch,
  encodeFindCoordinators,
  encodeOffsetFetch,
  ERROR_TYPES,
  RETRIABLE_GROUP_ERRORS,
  type GroupOffsetAnswer,
} from './group-codec';

/** Groups per FindCoordinator request. */
const COORDINATOR_CHUNK = 2_000;
/** Groups per OffsetFetch request: about 100 KB of answer at a few partitions per group. */
const OFFSET_FETCH_CHUNK = 500;
/** Coordinators that moved or were loading get this many more chances within one read. */
const ATTEMPTS = 3;
const RETRY_BACKOFF_MS = 250;
const GROUP_ID_NOT_FOUND = 69;
/** A remembered coordinator not asked for this long (its group deleted, or another process's shard) is forgotten. */
const FORGET_COORDINATOR_MS = 30 * 60_000;

/** A Kafka protocol error as kafkajs shapes one, so errors.ts classifies it (auth, config, …). */
function protocolError(code: number, where: string, message?: string | null): TruthflowError {
  const type = ERROR_TYPES[code] ?? `KAFKA_ERROR_${code}`;
  const error = Object.assign(new Error(`${type}${message ? ` (${message})` : ''}`), { name: 'KafkaJSProtocolError', type, code });
  return kafkaError(error, where);
}

function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface BatchedOffsets {
  /** groupId → every committed partition of the group, in kafkajs' fetchOffsets shape. */
  answers: Map<string, GroupOffsetAnswer['topics']>;
  /** Groups whose coordinator does not speak OffsetFetch v8: read them one by one. */
  unread: string[];
}

/**
 * Batched reads of group offsets and descriptions on a cluster client of its own, connected on
 * first use and kept until close(). Each request goes through the caller's `call`, so it is
 * counted, refused after that run's abort and its failure typed. A group or partition error that
 * retrying cannot cure fails the read, as kafkajs' fetchOffsets and describeGroups do.
 */
export class GroupReads {
  /** groupId → node id of its coordinator as FindCoordinator last said, and when it was last needed. */
  private readonly coordinatorOf = new Map<string, { node: number; usedAt: number }>();
  private lastPrunedAt = performance.now();
  private connecting: Promise<RawBroker | undefined> | undefined;

  constructor(
    /** The source's kafkajs instance; end-offsets.ts borrows its configuration too. */
    readonly kafka: Kafka,
    private readonly concurrency = 4,
  ) {}

  private cluster: RawCluster | undefined;

  /**
   * False when the cluster cannot answer batched requests (then every group takes the per-group
   * path); that answer is kept with the connection. A failed connect is not: the next call retries.
   */
  async available(call: Call): Promise<boolean> {
    return (await this.anyBroker(call)) !== undefined;
  }

  private anyBroker(call: Call): Promise<RawBroker | undefined> {
    if (!this.connecting) {
      const connecting = this.connect(call);
      connecting.catch(() => {
        if (this.connecting === connecting) this.connecting = undefined;
      });
      this.connecting = connecting;
    }
    return this.connecting;
  }

  /** A broker to send FindCoordinator to, or undefined when the cluster does not speak v4. */
  private async connect(call: Call): Promise<RawBroker | undefined> {
    const cluster = createCluster(this.kafka);
    if (!cluster) return undefined;
    try {
      const any = await call('connecting for batched group reads', async () => {
        await cluster.connect();
        await cluster.refreshMetadata();
        const nodeIds = cluster.getNodeIds();
        return nodeIds.length ? cluster.findBroker({ nodeId: nodeIds[0]! }) : undefined;
      });
      if (any && speaks(any, API.findCoordinator)) {
        this.cluster = cluster;
        return any;
      }
    } catch (error) {
      await cluster.disconnect().catch(() => undefined);
      throw error;
    }
    await cluster.disconnect().catch(() => undefined);
    return undefined;
  }

  close(): Promise<void> {
    const cluster = this.cluster;
    this.cluster = undefined;
    this.connecting = undefined;
    this.coordinatorOf.clear();
    return cluster ? cluster.disconnect().catch(() => undefined) : Promise.resolve();
  }

  private async connected(call: Call): Promise<{ cluster: RawCluster; any: RawBroker }> {
    const any = await this.anyBroker(call);
    if (!any || !this.cluster) throw new TruthflowError('config', 'batched group reads used on a cluster that cannot answer them');
    return { cluster: this.cluster, any };
  }

  /**
   * Finds the coordinators of `groupIds` not located yet, retrying groups whose coordinator is not
   * ready. Call it once before describe() and committed() run side by side, so they share it.
   */
  async locate(groupIds: readonly string[], call: Call): Promise<void> {
    const { any } = await this.connected(call);
    const now = performance.now();
    this.pruneUnused(now);
    let pending: string[] = [];
    for (const id of groupIds) {
      const known = this.coordinatorOf.get(id);
      if (known) known.usedAt = now;
      else pending.push(id);
    }
    for (let attempt = 1; pending.length > 0; attempt++) {
      const retry: string[] = [];
      await mapLimit(chunked(pending, COORDINATOR_CHUNK), this.concurrency, async (chunk) => {
        const found = await call(`finding the coordinators of ${chunk.length} groups`, () =>
          send(any, API.findCoordinator, 'FindCoordinator', encodeFindCoordinators(chunk), decodeFindCoordinators),
        );
        for (const c of found) {
          if (c.errorCode === 0) this.coordinatorOf.set(c.groupId, { node: c.nodeId, usedAt: now });
          else if (RETRIABLE_GROUP_ERRORS.has(c.errorCode) && attempt < ATTEMPTS) retry.push(c.groupId);
          else throw protocolError(c.errorCode, `finding the coordinator of group ${c.groupId}`, c.errorMessage);
        }
      });
      if (retry.length) await sleep(RETRY_BACKOFF_MS * attempt);
      pending = retry;
    }
  }

  /** Keeps the map to the groups still being read: at most one walk of it per few minutes. */
  private pruneUnused(now: number): void {
    if (now - this.lastPrunedAt < FORGET_COORDINATOR_MS / 6) return;
    this.lastPrunedAt = now;
    for (const [id, { usedAt }] of this.coordinatorOf) if (now - usedAt > FORGET_COORDINATOR_MS) this.coordinatorOf.delete(id);
  }

  /** `groupIds` by coordinator, each coordinator's broker connected. */
  private async byCoordinator(groupIds: readonly string[], call: Call): Promise<{ broker: RawBroker; ids: string[] }[]> {
    await this.locate(groupIds, call);
    const { cluster } = await this.connected(call);
    const byNode = new Map<number, string[]>();
    for (const id of groupIds) {
      const node = this.coordinatorOf.get(id)?.node;
      if (node === undefined) throw new TruthflowError('parse', `unexpected answer to FindCoordinator v4: no entry for group ${id}`);
      const ids = byNode.get(node);
      if (ids) ids.push(id);
      else byNode.set(node, [id]);
    }
    return Promise.all(
      // Connecting is not a request of its own to count: one per coordinator, for the client's life.
      [...byNode].map(async ([nodeId, ids]) => ({ broker: await cluster.findBroker({ nodeId }), ids })),
    );
  }

  /**
   * DescribeGroups to each coordinator (kafkajs' own request), without the per-group FindCoordinator
   * kafkajs' admin.describeGroups sends first; fails like it when one group errs. A coordinator that
   * moved fails the request with NOT_COORDINATOR: its groups are located again and asked again.
   * The caller wraps it in its counted call: one chunk of groups is one request on a one-coordinator
   * cluster.
   */
  async describe(groupIds: readonly string[], call: Call): Promise<{ groups: unknown[] }> {
    const groups: unknown[] = [];
    let pending = [...groupIds];
    for (let attempt = 1; pending.length > 0; attempt++) {
      const retry: string[] = [];
      await Promise.all(
        (await this.byCoordinator(pending, call)).map(async ({ broker, ids }) => {
          try {
            groups.push(...(await (broker as unknown as DescribingBroker).describeGroups({ groupIds: ids })).groups);
          } catch (error) {
            const code = (error as { code?: unknown }).code;
            if (attempt >= ATTEMPTS || typeof code !== 'number' || !RETRIABLE_GROUP_ERRORS.has(code)) throw error;
            for (const id of ids) this.coordinatorOf.delete(id);
            retry.push(...ids);
          }
        }),
      );
      if (retry.length) await sleep(RETRY_BACKOFF_MS * attempt);
      pending = retry;
    }
    return { groups };
  }

  /** Every committed partition of each group (OffsetFetch v8, topics null). */
  async committed(groupIds: readonly string[], call: Call): Promise<BatchedOffsets> {
    const answers = new Map<string, GroupOffsetAnswer['topics']>();
    const unread: string[] = [];
    let pending = [...groupIds];
    for (let attempt = 1; pending.length > 0; attempt++) {
      const retry: string[] = [];
      for (const { broker, ids } of await this.byCoordinator(pending, call)) {
        if (!speaks(broker, API.offsetFetch)) {
          unread.push(...ids);
          continue;
        }
        await mapLimit(chunked(ids, OFFSET_FETCH_CHUNK), this.concurrency, async (chunk) => {
          const groups = await call(`fetching offsets of ${chunk.length} groups`, () =>
            send(broker, API.offsetFetch, 'OffsetFetch', encodeOffsetFetch(chunk), decodeOffsetFetch),
          );
          for (const g of groups) {
            if (RETRIABLE_GROUP_ERRORS.has(g.errorCode) && attempt < ATTEMPTS) {
              this.coordinatorOf.delete(g.groupId); // moved, or not loaded yet: ask again where it is
              retry.push(g.groupId);
            } else if (g.errorCode === GROUP_ID_NOT_FOUND) {
              answers.set(g.groupId, []); // deleted since the listing: no commits, as DescribeGroups' "Dead" says
            } else if (g.errorCode !== 0) throw protocolError(g.errorCode, `fetching offsets of group ${g.groupId}`);
            else {
              const failed = g.topics.flatMap((t) => t.partitions).find((p) => p.errorCode !== 0);
              if (failed) throw protocolError(failed.errorCode, `fetching offsets of group ${g.groupId}`);
              answers.set(g.groupId, g.topics);
            }
          }
        });
      }
      if (retry.length) await sleep(RETRY_BACKOFF_MS * attempt);
      pending = retry;
    }
    // A group the coordinator did not answer for would otherwise read as "no commits".
    const skipped = new Set(unread);
    const missing = groupIds.find((id) => !answers.has(id) && !skipped.has(id));
    if (missing !== undefined) throw new TruthflowError('parse', `unexpected answer to OffsetFetch v8: no entry for group ${missing}`);
    return { answers, unread };
  }
}

interface DescribingBroker {
  describeGroups(req: { groupIds: string[] }): Promise<{ groups: unknown[] }>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
