// Exact lag seconds against real brokers of both lines: the timestamp of the message at a
// group's committed offset, read through a throwaway group that is deleted afterwards, and the
// estimates kept (with a note saying why) when that read fails. The collector returns its consumer
// snapshot; the test writes it as the runner's writer would and reads it back.
import { describe, expect, it } from 'vitest';
import { readMessageTimes } from '@/lib/kafka/exact-lag';
import { READER_GROUP_PREFIX } from '@/lib/kafka/read-ranges';
import { createLogger } from '@/lib/log';
import { SERIES } from '@/lib/series-names';
import { readConsumerSnapshot } from '@/lib/store/queries/consumer-snapshots';
import { collectorHarness, kafkaTestConfig, sampleValue } from '@/e2e/fixtures/kafka';
import { useTestCluster } from '@/e2e/fixtures/kafka-cluster';
import { useScratchStore } from '@/e2e/fixtures/scratch-store';
import type { KafkaLine } from '@/scripts/kafka';
import { kafkaLagCollector } from './kafka-lag';
import { writeSnapshots } from './runtime/snapshots';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

useScratchStore('kafka_lag_exact');

describe.each<KafkaLine>(['4', '3.9'])('exact lag seconds against kafka %s', (line) => {
  const broker = useTestCluster(line, 'tf-exact');
  const { cluster, name, topic, commit } = broker;

  it('gives exact lag seconds for the worst partitions from the message at the committed offset, leaving no reader group', async () => {
    const x = await topic('x', 3);
    const now = Date.now();
    // CreateTime timestamps chosen by the producer: partition 0's backlog is ten minutes old,
    // partition 1's one minute; partition 2 is caught up. No offset history exists yet, so
    // without reading messages both lag figures would be unknown on this first run.
    const at = (partition: number, ms: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({ partition, value: `m${i}`, timestamp: String(ms + i * SECOND) }));
    await broker.producer.send({ topic: x, messages: [...at(0, now - 10 * MINUTE, 5), ...at(1, now - MINUTE, 2), ...at(2, now, 3)] });
    const group = name('exact');
    await commit(group, x, { 0: 1, 1: 0, 2: 3 });
    const config = kafkaTestConfig(cluster, broker.bootstrap, [{ name: 'exact', group, topics: [x] }], {
      exactLagPartitions: 2,
      timeoutSeconds: 9,
    });
    const h = collectorHarness(kafkaLagCollector, config, cluster);
    try {
      const result = await h.collect(9 * SECOND);
      const elapsed = (Date.now() - now) / SECOND;
      expect(await writeSnapshots(result.snapshots ?? [], createLogger('kafka-lag-exact-test'))).toEqual([]);
      expect(result.notes?.filter((n) => n.startsWith('exact lag'))).toEqual([]);
      const stored = await readConsumerSnapshot(cluster, group);
      const [p0, p1, p2] = stored.partitions;
      // Offset 1 on partition 0 was stamped 10 min − 1 s before `now`; offset 0 on partition 1, 1 min.
      expect(p0).toMatchObject({ lagMessages: 4, lagSecondsKind: 'exact' });
      expect(p0!.lagSeconds).toBeGreaterThanOrEqual(599);
      expect(p0!.lagSeconds).toBeLessThanOrEqual(599 + elapsed);
      expect(p1).toMatchObject({ lagMessages: 2, lagSecondsKind: 'exact' });
      expect(p1!.lagSeconds).toBeGreaterThanOrEqual(60);
      expect(p1!.lagSeconds).toBeLessThanOrEqual(60 + elapsed);
      expect(p2).toMatchObject({ lagMessages: 0, lagSeconds: 0, lagSecondsKind: 'caught-up' });
      expect(sampleValue(result, SERIES.kafkaLagSeconds, { cluster, group, topic: x })).toBe(p0!.lagSeconds);
      expect(stored.groups[0]!.lagSeconds).toBe(p0!.lagSeconds);
      // The throwaway groups are deleted, and never reported as consumers while they live.
      const left = (await broker.admin.listGroups()).groups.map((g) => g.groupId);
      expect(left.filter((g) => g.startsWith(READER_GROUP_PREFIX))).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('keeps the estimates and says why when the exact read fails (topic deleted since the offsets were read)', async () => {
    const gone = name('gone');
    const read = await readMessageTimes(broker.kafka, broker.admin, [{ topic: gone, partition: 0, committed: 0, end: 5 }], {
      deadlineMs: 5 * SECOND,
      signal: AbortSignal.timeout(8 * SECOND),
    });
    expect(read.times.size).toBe(0);
    expect(read.notes).toEqual([
      expect.stringMatching(new RegExp(`^exact lag seconds unavailable \\(\\w+: .*${gone}.*\\); estimates kept$`)),
    ]);
    expect(await broker.admin.listTopics()).not.toContain(gone); // read-only: never auto-created
  });
});
