// Reads what lag is made of, with a request count that grows with groups and topics but never
// with partitions: ListGroups once, DescribeGroups in chunks, one OffsetFetch per group (kafkajs
// has no multi-group OffsetFetch; null topics returns every committed partition in one answer),
// and the log-end offsets once per topic, shared by every group that reads it.
import type { Admin } from 'kafkajs';
import { TruthflowError } from '@/lib/errors';
import { isUnknownTopic, kafkaError } from './errors';
import { READER_GROUP_PREFIX } from './read-ranges';
import { describeGroupsSchema, fetchOffsetsSchema, listGroupsSchema, parseResponse, topicOffsetsSchema } from './schemas';

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
}

// Groups that commit offsets: classic consumers, and groups only ever touched by admin tools ('').
const OFFSET_PROTOCOLS = new Set(['consumer', '']);

export async function fetchClusterOffsets(admin: Admin, opts: FetchOptions = {}): Promise<ClusterOffsets> {
  const required = opts.required ?? new Map<string, readonly string[]>();
  const concurrency = opts.concurrency ?? 16;
  let calls = 0;
  // kafkajs puts every topic it ever looked up into its later metadata requests; once one of them
  // is deleted, any call that refreshes metadata fails with "unknown topic". Only a fresh client
  // forgets it. A topic's own lookup (`ownTopic`) may fail for the plain reason that it is gone.
  const call = async <T>(what: string, run: () => Promise<T>, ownTopic = false): Promise<T> => {
    // An aborted run (collector timeout) issues no further requests.
    if (opts.signal?.aborted) throw new TruthflowError('timeout', `${what}: run aborted at the collector timeout`);
    calls++;
    try {
      return await run();
    } catch (error) {
      if (!ownTopic && isUnknownTopic(error)) throw new StaleTopicMetadataError(what, error);
      throw kafkaError(error, what);
    }
  };

  const listing = parseResponse(listGroupsSchema, await call('listing groups', () => admin.listGroups()), 'listGroups');
  // Truthflow's own throwaway reader groups (DLQ samples, exact lag) live for a second and never commit.
  const listed = listing.groups
    .filter((g) => OFFSET_PROTOCOLS.has(g.protocolType) && !g.groupId.startsWith(READER_GROUP_PREFIX))
    .map((g) => g.groupId);
  const descriptions = await describeGroups(admin, listed, call, opts.describeChunk ?? 500, concurrency);

  const groups = await mapLimit(listed, concurrency, async (groupId): Promise<GroupOffsets> => {
    const answer = await call(`fetching offsets of group ${groupId}`, () => admin.fetchOffsets({ groupId }));
    const description = descriptions.get(groupId);
    return {
      groupId,
      state: description?.state ?? 'Unknown',
      members: description?.members ?? null,
      listed: true,
      committed: committedOf(parseResponse(fetchOffsetsSchema, answer, 'fetchOffsets')),
      requiredTopics: required.get(groupId) ?? [],
    };
  });
  // A configured group Kafka does not list has never committed: report it, with no lag at all.
  const listedSet = new Set(listed);
  for (const [groupId, topics] of required) {
    if (!listedSet.has(groupId))
      groups.push({ groupId, state: 'Dead', members: 0, listed: false, committed: new Map(), requiredTopics: topics });
  }

  const wanted = new Set(groups.flatMap((g) => [...g.committed.keys(), ...g.requiredTopics]));
  const existing = new Set(await call('listing topics', () => admin.listTopics()));
  const missingTopics = [...wanted].filter((t) => !existing.has(t));
  // One re-listing per run tells "deleted during this run" from "this client's metadata is stale".
  let relisted: Promise<Set<string>> | undefined;
  const stillExists = async (topic: string) => {
    relisted ??= call('listing topics', () => admin.listTopics()).then((topics) => new Set(topics));
    return (await relisted).has(topic);
  };
  const endOffsets = new Map<string, Map<number, number>>();
  await mapLimit(
    [...wanted].filter((t) => existing.has(t)),
    concurrency,
    async (topic) => {
      const what = `fetching end offsets of topic ${topic}`;
      const answer = await call(what, () => admin.fetchTopicOffsets(topic), true).catch(async (error: unknown) => {
        if (!isUnknownTopic(error)) throw error;
        if (await stillExists(topic)) throw new StaleTopicMetadataError(what, error);
        return undefined; // deleted during this run
      });
      if (answer === undefined) missingTopics.push(topic);
      else endOffsets.set(topic, new Map(parseResponse(topicOffsetsSchema, answer, 'fetchTopicOffsets').map((p) => [p.partition, p.high])));
    },
  );
  return { groups, endOffsets, missingTopics: missingTopics.sort(), calls };
}

type Call = <T>(what: string, run: () => Promise<T>, ownTopic?: boolean) => Promise<T>;

/**
 * DescribeGroups in chunks. kafkajs fails a whole chunk when one group in it answers with an error
 * (no Describe right on it, a protocol it does not speak); that chunk is then described group by
 * group, so one odd group stays undescribed alone instead of blinding the collector to thousands.
 */
async function describeGroups(admin: Admin, ids: string[], call: Call, chunk: number, concurrency: number) {
  const descriptions = new Map<string, { state: string; members: number }>();
  const describe = async (batch: string[]) => {
    const answer = parseResponse(
      describeGroupsSchema,
      await call('describing groups', () => admin.describeGroups(batch)),
      'describeGroups',
    );
    for (const g of answer.groups) descriptions.set(g.groupId, { state: g.state, members: g.members.length });
  };
  for (let i = 0; i < ids.length; i += chunk) {
    const batch = ids.slice(i, i + chunk);
    await describe(batch).catch(async (error: unknown) => {
      const perGroup =
        error instanceof TruthflowError && !(error instanceof StaleTopicMetadataError) && !['network', 'timeout'].includes(error.kind);
      if (!perGroup || batch.length === 1) throw error;
      await mapLimit(batch, concurrency, (id) => describe([id]).catch(() => undefined));
    });
  }
  return descriptions;
}

/** The client's metadata names a topic that no longer exists: discard the client and retry. */
export class StaleTopicMetadataError extends TruthflowError {
  constructor(what: string, cause: unknown) {
    super('config', `${what}: the client's metadata still names a deleted topic`, { cause });
    this.name = 'StaleTopicMetadataError';
  }
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
