// The kafka-lag collector against real brokers of both lines: exact lag per partition (checked
// against Kafka's own consumer-group CLI), partitions without commits, lag seconds estimated over
// several runs and verdicts, and the faults an SRE meets: unknown topic, deleted topic, wrong
// credentials, broker down and back. Exact lag seconds: kafka-lag-exact.int.test.ts. The
// collector returns its consumer snapshot; these tests write it as the runner's writer would and
// read it back from the store.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TruthflowError } from '@/lib/errors';
import { createLogger } from '@/lib/log';
import { GroupReads } from '@/lib/kafka/group-reads';
import { fetchClusterOffsets } from '@/lib/kafka/offsets';
import { SERIES } from '@/lib/series-names';
import { readConsumerSnapshot } from '@/lib/store/queries/consumer-snapshots';
import {
  collectorHarness,
  describeGroupsWithCli,
  freePort,
  kafkaTestConfig,
  produceToPartitions,
  sampleValue,
  waitForGroup,
} from '@/e2e/fixtures/kafka';
import { useTestCluster } from '@/e2e/fixtures/kafka-cluster';
import { useScratchStore } from '@/e2e/fixtures/scratch-store';
import { startKafka, stopKafka, type KafkaLine, type KafkaOptions } from '@/scripts/kafka';
import { kafkaLagCollector } from './kafka-lag';
import { writeSnapshots } from './runtime/snapshots';
import type { JobOutput } from './types';

const quiet = () => undefined;
const log = createLogger('kafka-lag-test');

/** Writes a run's snapshots as the runner's writer does after every run; none may fail here. */
async function written(result: JobOutput): Promise<JobOutput> {
  expect(await writeSnapshots(result.snapshots ?? [], log)).toEqual([]);
  return result;
}

/** The harness, with each run's snapshot written, for tests that read the snapshot back. */
const writing = <H extends { collect(timeoutMs?: number): Promise<JobOutput> }>(h: H): H => ({
  ...h,
  collect: async (timeoutMs?: number) => written(await h.collect(timeoutMs)),
});
const SECOND = 1000;
const MINUTE = 60 * SECOND;

useScratchStore('kafka_lag');

describe.each<KafkaLine>(['4', '3.9'])('kafka-lag collector against kafka %s', (line) => {
  const broker = useTestCluster(line, 'tf-lag');
  const { cluster, name, topic, commit } = broker;

  it("reports exact lag per partition, partitions without commit as such, and matches Kafka's CLI", async () => {
    const a = await topic('a', 4);
    const b = await topic('b', 2);
    await produceToPartitions(broker.producer, a, [10, 20, 30, 5]);
    await produceToPartitions(broker.producer, b, [7, 0]);
    const group = name('indexer');
    await commit(group, a, { 0: 4, 1: 20, 2: 0 }); // partition 3 never committed
    await commit(group, b, { 0: 3 }); // partition 1 never committed
    const unlisted = name('not-yet');
    const config = kafkaTestConfig(cluster, broker.bootstrap, [
      { name: 'indexer', group, topics: [a, b] },
      { name: 'not-yet', group: unlisted, topics: [a] },
    ]);
    const h = collectorHarness(kafkaLagCollector, config, cluster);
    try {
      const result = await h.collect();
      // The collector returns its snapshot and writes nothing itself.
      expect(result.snapshots).toMatchObject([{ kind: 'consumer-groups', cluster }]);
      expect((await readConsumerSnapshot(cluster, group)).groups).toEqual([]);
      await written(result);
      const stored = await readConsumerSnapshot(cluster, group);
      expect(stored.partitions.map((p) => [p.topic, p.partition, p.committedOffset, p.endOffset, p.lagMessages])).toEqual([
        [a, 0, 4, 10, 6],
        [a, 1, 20, 20, 0],
        [a, 2, 0, 30, 30],
        [a, 3, null, 5, null],
        [b, 0, 3, 7, 4],
        [b, 1, null, 0, null],
      ]);
      expect(stored.partitions.find((p) => p.committedOffset === null)?.verdict).toBe('unknown');
      expect(stored.groups[0]).toMatchObject({ state: 'Empty', members: 0, topics: [a, b], lagMessages: 40, lagSeconds: null });
      expect(sampleValue(result, SERIES.kafkaLagMessages, { cluster, group, topic: a })).toBe(36);
      expect(sampleValue(result, SERIES.kafkaLagMessages, { cluster, group, topic: b })).toBe(4);
      expect(sampleValue(result, SERIES.kafkaPartitionsWithoutCommit, { cluster, group, topic: a })).toBe(1);
      expect(sampleValue(result, SERIES.kafkaGroupMembers, { cluster, group })).toBe(0);
      // First run: one offset point per partition, so lag in seconds is unknown, not 0.
      expect(sampleValue(result, SERIES.kafkaLagSeconds, { cluster, group, topic: a })).toBeUndefined();

      // A configured group Kafka does not know: listed, Dead, without lag rather than with lag 0.
      const ghost = await readConsumerSnapshot(cluster, unlisted);
      expect(ghost.groups[0]).toMatchObject({ state: 'Dead', members: 0, lagMessages: null, verdict: 'unknown' });
      expect(ghost.partitions.every((p) => p.committedOffset === null && p.lagMessages === null)).toBe(true);
      expect(sampleValue(result, SERIES.kafkaLagMessages, { cluster, group: unlisted })).toBeUndefined();
      expect(sampleValue(result, SERIES.kafkaPartitionsWithoutCommit, { cluster, group: unlisted, topic: a })).toBe(4);
      expect(result.notes).toContain(
        `consumer not-yet: group "${unlisted}" is unknown to cluster ${cluster} (never committed, or expired)`,
      );

      // Kafka's own tool on the quiesced broker: the same numbers for every committed partition.
      const cli = await describeGroupsWithCli(line, broker.bootstrap, [group]);
      const ours = stored.partitions
        .filter((p) => p.committedOffset !== null)
        .map((p) => [p.topic, p.partition, p.committedOffset, p.endOffset, p.lagMessages]);
      expect(cli.rows.map((r) => [r.topic, r.partition, r.current, r.end, r.lag]).sort()).toEqual(ours.sort());
    } finally {
      await h.close();
    }
  });

  it('makes as many admin calls for many partitions as for few: per group and per topic, never per partition', async () => {
    const offsets = await fetchClusterOffsets(broker.admin, {});
    const listed = offsets.groups.filter((g) => g.listed).length;
    const expected = 1 + Math.ceil(listed / 500) + listed + 1 + offsets.endOffsets.size;
    // One extra listing is allowed: another test deleting a topic mid-run makes the fetch re-list.
    expect(offsets.calls - expected).toBeGreaterThanOrEqual(0);
    expect(offsets.calls - expected).toBeLessThanOrEqual(1);
  });

  it('reads groups in batches (FindCoordinator v4, OffsetFetch v8) with the very answers of one request per group', async () => {
    const t = await topic('batched', 3);
    await produceToPartitions(broker.producer, t, [9, 9, 9]);
    const groups = Array.from({ length: 5 }, (_, g) => name(`batched-g${g}`));
    for (const [g, group] of groups.entries()) await commit(group, t, g === 4 ? { 1: 5 } : { 0: g, 1: 9 - g, 2: 9 });
    const ours = (o: Awaited<ReturnType<typeof fetchClusterOffsets>>) =>
      o.groups
        .filter((g) => groups.includes(g.groupId))
        .map((g) => ({ id: g.groupId, state: g.state, members: g.members, committed: [...g.committed].map(([k, v]) => [k, [...v]]) }))
        .sort((a, b) => a.id.localeCompare(b.id));
    const reads = new GroupReads(broker.kafka);
    try {
      const batched = await fetchClusterOffsets(broker.admin, { reads });
      const perGroup = await fetchClusterOffsets(broker.admin, {});
      expect(ours(batched)).toEqual(ours(perGroup));
      expect(ours(batched)[4]).toEqual({ id: groups[4], state: 'Empty', members: 0, committed: [[t, [[1, 5]]]] });
      // End offsets of every topic in one read (ListOffsets per leader), the same as kafkajs' per topic.
      expect(batched.endOffsets.get(t)).toEqual(
        new Map([
          [0, 9],
          [1, 9],
          [2, 9],
        ]),
      );
      expect(batched.endOffsets).toEqual(perGroup.endOffsets);
      // Listings, one connection, FindCoordinator per 2,000 groups, DescribeGroups and OffsetFetch per
      // 500 on this one-broker cluster, one end-offset read: nothing per group, nothing per topic.
      const listed = batched.groups.filter((g) => g.listed).length;
      const perRun = 2 + 2 * Math.ceil(listed / 500) + 1;
      expect(batched.calls - (perRun + 1 + Math.ceil(listed / 2000))).toBeGreaterThanOrEqual(0);
      expect(batched.calls - (perRun + 1 + Math.ceil(listed / 2000))).toBeLessThanOrEqual(1);
      // The next run on the same client neither connects nor asks where the groups it met live.
      const again = await fetchClusterOffsets(broker.admin, { reads });
      expect(ours(again)).toEqual(ours(batched));
      const newGroups = Math.max(0, again.groups.filter((g) => g.listed).length - listed);
      expect(again.calls - perRun).toBeGreaterThanOrEqual(0);
      expect(again.calls - perRun).toBeLessThanOrEqual(1 + newGroups + 2 * Math.ceil(newGroups / 500));
    } finally {
      await reads.close();
    }
  });

  it('estimates lag seconds once offsets move, and judges WARN, STOP, STALL and REWIND', async () => {
    const c = await topic('c', 1);
    const group = name('loader');
    await produceToPartitions(broker.producer, c, [10]);
    await commit(group, c, { 0: 2 });
    const h = writing(
      collectorHarness(kafkaLagCollector, kafkaTestConfig(cluster, broker.bootstrap, [{ name: 'loader', group, topics: [c] }]), cluster),
    );
    const run = async () => {
      const result = await h.collect();
      const stored = await readConsumerSnapshot(cluster, group);
      return { result, group: stored.groups[0]!, partition: stored.partitions[0]! };
    };
    try {
      let r = await run();
      expect(r.partition).toMatchObject({ lagMessages: 8, lagSeconds: null, lagSecondsKind: null, verdict: 'OK' });

      await produceToPartitions(broker.producer, c, [10]); // end 20, ten seconds later
      h.advance(10 * SECOND);
      r = await run();
      // Rate 1 msg/s over the table; offset 2 was written 8 s before the oldest point.
      expect(r.partition).toMatchObject({ lagMessages: 18, lagSeconds: 18, lagSecondsKind: 'extrapolated', verdict: 'OK' });

      await produceToPartitions(broker.producer, c, [10]); // end 30
      await commit(group, c, { 0: 15 });
      h.advance(10 * SECOND);
      r = await run();
      // Offset 15 lay between end offsets 10 (t0) and 20 (t0 + 10 s): written at t0 + 5 s, now t0 + 20 s.
      expect(r.partition).toMatchObject({ lagMessages: 15, lagSeconds: 15, lagSecondsKind: 'interpolated', verdict: 'WARN' });
      expect(sampleValue(r.result, SERIES.kafkaLagSeconds, { cluster, group, topic: c })).toBe(15);
      expect(r.group).toMatchObject({ verdict: 'WARN', lagSeconds: 15, worstPartition: `${c}[0]` });

      h.advance(6 * MINUTE); // no progress, nobody consuming
      r = await run();
      expect(r.partition).toMatchObject({ verdict: 'STOP', lagSeconds: 375 });
      expect(r.group.verdict).toBe('ERR');

      const member = broker.kafka.consumer({ groupId: group });
      await member.connect();
      await member.subscribe({ topic: c });
      await member.run({ autoCommit: false, eachMessage: async () => undefined }); // alive, never commits
      await waitForGroup(broker.admin, group, (state, members) => state === 'Stable' && members === 1);
      h.advance(6 * MINUTE);
      r = await run();
      expect(r.group).toMatchObject({ state: 'Stable', members: 1, verdict: 'ERR' });
      expect(r.partition.verdict).toBe('STALL');
      await member.disconnect();
      await waitForGroup(broker.admin, group, (state) => state === 'Empty');

      await commit(group, c, { 0: 5 });
      h.advance(10 * SECOND);
      r = await run();
      expect(r.partition).toMatchObject({ committedOffset: 5, lagMessages: 25, verdict: 'REWIND' });
    } finally {
      await h.close();
    }
  });

  it('names an unknown topic of a configured consumer without creating it, and survives a deleted topic', async () => {
    const missing = name('missing');
    const d = await topic('d', 2);
    await produceToPartitions(broker.producer, d, [3, 3]);
    await commit(name('d-reader'), d, { 0: 1, 1: 1 });
    const config = kafkaTestConfig(cluster, broker.bootstrap, [{ name: 'ghost', group: name('ghost'), topics: [missing] }]);
    const h = writing(collectorHarness(kafkaLagCollector, config, cluster));
    try {
      const first = await h.collect();
      expect(first.notes).toContain(`consumer ghost: topic "${missing}" does not exist on cluster ${cluster}`);
      expect(await broker.admin.listTopics()).not.toContain(missing); // read-only: never auto-created

      // The collector's client has looked d up; deleting d must not break the next run.
      await broker.admin.deleteTopics({ topics: [d] });
      const e = await topic('e', 1);
      await produceToPartitions(broker.producer, e, [4]);
      await commit(name('e-reader'), e, { 0: 1 });
      await h.collect();
      const stored = await readConsumerSnapshot(cluster, name('e-reader'));
      expect(stored.partitions.map((p) => p.lagMessages)).toEqual([3]);
    } finally {
      await h.close();
    }
  });

  it('fails with a typed error on wrong credentials and a dead broker, and recovers when it is back', async () => {
    const [port, controllerPort, saslPort] = [await freePort(), await freePort(), await freePort()];
    const dataDir = path.join(os.tmpdir(), `truthflow-lag-faults-${line}-${randomUUID().slice(0, 8)}`);
    const opts: KafkaOptions = {
      line,
      port,
      controllerPort,
      dataDir,
      sasl: { port: saslPort, users: { truthflow: 'right-secret' } },
      log: quiet,
    };
    const own = await startKafka(opts);
    try {
      const wrong = collectorHarness(
        kafkaLagCollector,
        kafkaTestConfig('own', own.saslBootstrap!, [], { sasl: { username: 'truthflow', password: 'wrong-secret' } }),
        'own',
      );
      await expect(wrong.collect()).rejects.toMatchObject({ name: 'TruthflowError', kind: 'auth' });
      await wrong.close();
      const right = collectorHarness(
        kafkaLagCollector,
        kafkaTestConfig('own', own.saslBootstrap!, [], { sasl: { username: 'truthflow', password: 'right-secret' } }),
        'own',
      );
      expect((await right.collect()).summary).toMatch(/^\d+ groups, /);
      await right.close();

      const h = collectorHarness(kafkaLagCollector, kafkaTestConfig('own', own.bootstrap, []), 'own');
      await h.collect();
      await stopKafka(opts);
      const started = Date.now();
      const failure = await h.collect(5 * SECOND).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(TruthflowError);
      expect(['network', 'timeout']).toContain((failure as TruthflowError).kind);
      expect(Date.now() - started).toBeLessThan(6 * SECOND);

      await startKafka(opts);
      expect((await h.collect()).summary).toMatch(/^\d+ groups, /);
      await h.close();
    } finally {
      await stopKafka(opts);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
