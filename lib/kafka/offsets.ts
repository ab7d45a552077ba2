// Reads what lag is made of, with a request count that grows with groups and topics but never
// with partitions: ListGroups once; where the brokers speak them (Kafka ≥ 3.0), FindCoordinator v4
// and OffsetFetch v8 for thousands and hundreds of groups per request and DescribeGroups per
// coordinator in chunks (group-reads.ts); otherwise kafkajs' one OffsetFetch per group (null
// topics returns every committed partition in one answer); and the log-end offsets once per
// topic, shared by every group that reads it (and, through a ClusterRound, by every lag shard of
// the cluster one process holds).
import type { Admin } from 'kafkajs';
import { TruthflowError } from '@/lib/errors';
import { adminCaller, Limiter, mapLimit, StaleTopicMetadataError, type Call } from './admin-calls';
import { ClusterRound } from './cluster-round';
import type { GroupReads } from './group-reads';
import { describeGroupsSchema, fetchOffsetsSchema, parseResponse } from './schemas';
import { inShard, WHOLE_CLUSTER, type LagShard } from './shards';

export { Limiter, mapLimit, StaleTopicMetadataError } from './admin-calls';

export interface GroupOffsets {
  groupId: string;
  /** Kafka's group state (Stable, Empty, …); Dead for a configured group Kafka does not know. */
  state: string;
  /** null when the group could not be described (state Unknown). */
  members: number | null;
  /** False for a configured group that Kafka did not list. */
  listed: boolean;
  /** topic → partition → committed offset; only partitions the group ever committed on. */
  committed: Map<string, Map<number, number>>;
  /** Topics the group must report even without commits (configured consumers). */
  requiredTopics: readonly string[];
}

export interface ClusterOffsets {
  groups: GroupOffsets[];
  /** topic → partition → log-end offset, for every topic a group committed on or must report. */
  endOffsets: Map<string, Map<number, number>>;
  /** Topics named by a configured consumer (or a commit) that the cluster does not have. */
  missingTopics: string[];
  /** Admin calls made, to prove the count stays bounded. */
  calls: number;
}

export interface FetchOptions {
  /** Configured consumers: group → topics; included even when Kafka does not list the group. */
  required?: ReadonlyMap<string, readonly string[]>;
  signal?: AbortSignal;
  /** Group ids per DescribeGroups call. */
  describeChunk?: number;
  /** Concurrent OffsetFetch / ListOffsets calls in flight. */
  concurrency?: number;
  /** Shared with the other shards this process holds: bounds their per-group calls together. */
  limiter?: Limiter;
  /**
   * The source's batched-read client: given, groups are read in batches (group-reads.ts) where
   * the brokers allow it. Without it (or on an older broker), one kafkajs request per group.
   */
  reads?: GroupReads;
}

/** Every group of the cluster: the unsharded lag job, the tests and the benchmark baseline. */
export async function fetchClusterOffsets(admin: Admin, opts: FetchOptions = {}): Promise<ClusterOffsets> {
  const round = new ClusterRound(admin, Date.now(), { signal: opts.signal, concurrency: opts.concurrency, kafka: opts.reads?.kafka });
  return fetchShardOffsets(admin, round, WHOLE_CLUSTER, opts);
}

/**
 * The groups of one shard: the listing and end offsets come from `round` (shared with this
 * process's other shards of the cluster), the per-group requests are this shard's own. `calls`
 * counts both.
 */
export async function fetchShardOffsets(
  admin: Admin,
  round: ClusterRound,
  shard: LagShard,
  opts: FetchOptions = {},
): Promise<ClusterOffsets> {
  const required = new Map([...(opts.required ?? new Map<string, readonly string[]>())].filter(([g]) => inShard(g, shard)));
  const concurrency = opts.concurrency ?? 16;
  const { call: ownCall, calls } = adminCaller(opts.signal);
  const limiter = opts.limiter ?? new Limiter(concurrency);
  const call: Call = (what, run, ownTopic) => limiter.run(() => ownCall(what, run, ownTopic));

  const listed = (await round.listing()).groupIds.filter((g) => inShard(g, shard));
  const reads = opts.reads && listed.length > 0 && (await opts.reads.available(call)) ? opts.reads : undefined;
  await reads?.locate(listed, call);
  const describe = (batch: string[]) => (reads ? reads.describe(batch, call) : admin.describeGroups(batch));
  const [descriptions, committed] = await Promise.all([
    describeGroups(describe, listed, call, opts.describeChunk ?? 500, concurrency),
    committedOffsets(admin, reads, listed, call, concurrency),
  ]);

  const groups = listed.map((groupId): GroupOffsets => {
    const description = descriptions.get(groupId);
    return {
      groupId,
      state: description?.state ?? 'Unknown',
      members: description?.members ?? null,
      listed: true,
      committed: committed.get(groupId)!,
      requiredTopics: required.get(groupId) ?? [],
    };
  });
  // A configured group Kafka does not list has never committed: report it, with no lag at all.
  const listedSet = new Set(listed);
  for (const [groupId, topics] of required) {
    if (!listedSet.has(groupId))
      groups.push({ groupId, state: 'Dead', members: 0, listed: false, committed: new Map(), requiredTopics: topics });
  }

  const { endOffsets, missing } = await round.endOffsets(groups.flatMap((g) => [...g.committed.keys(), ...g.requiredTopics]));
  return { groups, endOffsets, missingTopics: missing, calls: calls() + round.calls() };
}

/**
 * DescribeGroups in chunks. kafkajs fails a whole chunk when one group in it answers with an error
 * (no Describe right on it, a protocol it does not speak); that chunk is then described group by
 * group, so one odd group stays undescribed alone instead of blinding the collector to thousands.
 */
async function describeGroups(
  request: (batch: string[]) => Promise<unknown>,
  ids: string[],
  call: Call,
  chunk: number,
  concurrency: number,
) {
  const descriptions = new Map<string, { state: string; members: number }>();
  const describe = async (batch: string[]) => {
    const answer = parseResponse(describeGroupsSchema, await call('describing groups', () => request(batch)), 'describeGroups');
    for (const g of answer.groups) descriptions.set(g.groupId, { state: g.state, members: g.members.length });
  };
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += chunk) batches.push(ids.slice(i, i + chunk));
  // A few chunks at once: one after the other, 100 chunks of a 50,000-group cluster add up to seconds.
  await mapLimit(batches, Math.min(4, concurrency), (batch) =>
    describe(batch).catch(async (error: unknown) => {
      const perGroup =
        error instanceof TruthflowError && !(error instanceof StaleTopicMetadataError) && !['network', 'timeout'].includes(error.kind);
      if (!perGroup || batch.length === 1) throw error;
      await mapLimit(batch, concurrency, (id) => describe([id]).catch(() => undefined));
    }),
  );
  return descriptions;
}

/** groupId → its committed offsets: batched where `reads` can, one kafkajs request per group for the rest. */
async function committedOffsets(
  admin: Admin,
  reads: GroupReads | undefined,
  ids: string[],
  call: Call,
  concurrency: number,
): Promise<Map<string, Map<string, Map<number, number>>>> {
  const committed = new Map<string, Map<string, Map<number, number>>>();
  let perGroup = ids;
  if (reads) {
    const batched = await reads.committed(ids, call);
    for (const [groupId, topics] of batched.answers)
      committed.set(groupId, committedOf(parseResponse(fetchOffsetsSchema, topics, 'OffsetFetch v8')));
    perGroup = batched.unread;
  }
  await mapLimit(perGroup, concurrency, async (groupId) => {
    const answer = await call(`fetching offsets of group ${groupId}`, () => admin.fetchOffsets({ groupId }));
    committed.set(groupId, committedOf(parseResponse(fetchOffsetsSchema, answer, 'fetchOffsets')));
  });
  return committed;
}

function committedOf(answer: { topic: string; partitions: { partition: number; offset: number }[] }[]): Map<string, Map<number, number>> {
  const committed = new Map<string, Map<number, number>>();
  for (const { topic, partitions } of answer) {
    // -1 is "no committed offset": reported as such later, never as lag = end offset.
    const known = partitions.filter((p) => p.offset >= 0);
    if (known.length) committed.set(topic, new Map(known.map((p) => [p.partition, p.offset])));
  }
  return committed;
}
