// What every lag shard of a cluster needs and no shard owns: the list of groups and topics, and the
// log-end offsets of each topic. A ClusterRound fetches each of them at most once. A process that
// holds several shards of one cluster shares one round between them (RoundCache), so its shards
// cost one listing and one end-offset read per run, not one per shard. The end offsets of the
// topics first asked together come in one ListOffsets per leader (end-offsets.ts) when the source's
// kafkajs instance is given; otherwise, or when that read fails, one admin call per topic.
import type { Admin, Kafka } from 'kafkajs';
import { adminCaller, mapLimit, StaleTopicMetadataError, type Caller } from './admin-calls';
import { fetchEndOffsets } from './end-offsets';
import { isUnknownTopic } from './errors';
import { READER_GROUP_PREFIX } from './read-ranges';
import { listGroupsSchema, parseResponse, topicOffsetsSchema } from './schemas';

// Groups that commit offsets: classic consumers, and groups only ever touched by admin tools ('').
const OFFSET_PROTOCOLS = new Set(['consumer', '']);

export interface ClusterListing {
  /** Groups that commit offsets, Truthflow's own throwaway reader groups left out. */
  groupIds: string[];
  topics: ReadonlySet<string>;
}

export interface EndOffsets {
  /** topic → partition → log-end offset. */
  endOffsets: Map<string, Map<number, number>>;
  /** Asked-for topics the cluster does not have (or deleted during the round), sorted. */
  missing: string[];
}

export interface RoundOptions {
  signal?: AbortSignal;
  /** Concurrent ListOffsets calls in flight. */
  concurrency?: number;
  /** The source's kafkajs instance: end offsets of many topics are then read in one batch. */
  kafka?: Kafka;
}

export class ClusterRound {
  private readonly caller: Caller;
  private listed: Promise<ClusterListing> | undefined;
  private readonly ends = new Map<string, Promise<Map<number, number> | undefined>>();
  private relisted: Promise<Set<string>> | undefined;
  /** Set once any request of this round failed: nobody should reuse it. */
  failed = false;

  /** `startedAt` is the run clock's time when the round began: end offsets are recorded under it. */
  constructor(
    private readonly admin: Admin,
    readonly startedAt: number,
    private readonly opts: RoundOptions = {},
  ) {
    this.caller = adminCaller(opts.signal);
  }

  calls(): number {
    return this.caller.calls();
  }

  listing(): Promise<ClusterListing> {
    this.listed ??= this.track(this.fetchListing());
    return this.listed;
  }

  /** End offsets of `topics`, each fetched once per round whoever asks. */
  async endOffsets(topics: Iterable<string>): Promise<EndOffsets> {
    const { topics: existing } = await this.listing();
    const wanted = [...new Set(topics)];
    const missing = wanted.filter((t) => !existing.has(t));
    const present = wanted.filter((t) => existing.has(t));
    this.batchFresh(present);
    const endOffsets = new Map<string, Map<number, number>>();
    await mapLimit(present, this.opts.concurrency ?? 16, async (topic) => {
      let pending = this.ends.get(topic);
      if (!pending) this.ends.set(topic, (pending = this.track(this.fetchTopicEnds(topic))));
      const ends = await pending;
      if (ends === undefined) missing.push(topic);
      else endOffsets.set(topic, ends);
    });
    return { endOffsets, missing: missing.sort() };
  }

  /** Starts one batched read for the topics nobody asked for yet; a topic it cannot give is asked alone. */
  private batchFresh(topics: string[]): void {
    const fresh = topics.filter((t) => !this.ends.has(t));
    if (!this.opts.kafka || fresh.length < 2) return;
    // A failed batch is not an answer: the per-topic reads tell a deleted topic from a stale client.
    const batch = fetchEndOffsets(this.opts.kafka, fresh, this.caller.call).catch(() => undefined);
    for (const topic of fresh) this.ends.set(topic, this.track(batch.then((found) => found?.get(topic) ?? this.fetchTopicEnds(topic))));
  }

  private async fetchListing(): Promise<ClusterListing> {
    const { call } = this.caller;
    const [groups, topics] = await Promise.all([
      call('listing groups', () => this.admin.listGroups()),
      call('listing topics', () => this.admin.listTopics()),
    ]);
    const listing = parseResponse(listGroupsSchema, groups, 'listGroups');
    // Truthflow's own throwaway reader groups (DLQ samples, exact lag) live for a second and never commit.
    const groupIds = listing.groups
      .filter((g) => OFFSET_PROTOCOLS.has(g.protocolType) && !g.groupId.startsWith(READER_GROUP_PREFIX))
      .map((g) => g.groupId);
    return { groupIds, topics: new Set(topics) };
  }

  private async fetchTopicEnds(topic: string): Promise<Map<number, number> | undefined> {
    const what = `fetching end offsets of topic ${topic}`;
    const answer = await this.caller
      .call(what, () => this.admin.fetchTopicOffsets(topic), true)
      .catch(async (error: unknown) => {
        if (!isUnknownTopic(error)) throw error;
        if (await this.stillExists(topic)) throw new StaleTopicMetadataError(what, error);
        return undefined; // deleted during this round
      });
    return answer && new Map(parseResponse(topicOffsetsSchema, answer, 'fetchTopicOffsets').map((p) => [p.partition, p.high]));
  }

  /** One re-listing per round tells "deleted during this round" from "this client's metadata is stale". */
  private async stillExists(topic: string): Promise<boolean> {
    this.relisted ??= this.caller.call('listing topics', () => this.admin.listTopics()).then((topics) => new Set(topics));
    return (await this.relisted).has(topic);
  }

  private track<T>(pending: Promise<T>): Promise<T> {
    pending.catch(() => (this.failed = true));
    return pending;
  }
}

/**
 * The current round per cluster in one process. A shard reuses the round another shard of this
 * process started, unless it already used that round itself (then this is its next run and it
 * needs fresh offsets), the round is older than `maxAgeMs` or failed, or the client was replaced.
 * One entry per cluster: bounded by the config.
 */
export class RoundCache {
  private readonly rounds = new Map<string, { round: ClusterRound; admin: Admin; usedBy: Set<number>; bornMs: number }>();

  constructor(private readonly maxAgeMs: number) {}

  roundFor(cluster: string, shardIndex: number, admin: Admin, now: number, kafka?: Kafka): ClusterRound {
    const entry = this.rounds.get(cluster);
    if (
      entry &&
      entry.admin === admin &&
      !entry.round.failed &&
      !entry.usedBy.has(shardIndex) &&
      performance.now() - entry.bornMs < this.maxAgeMs
    ) {
      entry.usedBy.add(shardIndex);
      return entry.round;
    }
    // Requests of a shared round are not tied to one shard's abort signal: each shard stops
    // waiting at its own timeout, and the round's few requests end with the client's timeouts.
    const round = new ClusterRound(admin, now, { kafka });
    this.rounds.set(cluster, { round, admin, usedBy: new Set([shardIndex]), bornMs: performance.now() });
    return round;
  }

  forget(cluster: string): void {
    this.rounds.delete(cluster);
  }
}
