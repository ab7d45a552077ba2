// The log-end offsets of many topics in one ListOffsets per partition leader. kafkajs' admin asks
// per topic, and twice (latest and earliest): 400 requests a run for 200 topics, in every process
// holding lag shards. Here one short-lived cluster client of the source's own configuration asks
// for every topic's metadata once and each leader once. It is made and closed per read on
// purpose: kafkajs keeps every topic it was asked about in its later metadata requests, so a
// long-lived client would fail for good once one of them is deleted.
import type { Kafka } from 'kafkajs';
import type { Call } from './admin-calls';
import { createCluster } from './raw-cluster';
import { fetchOffsetsSchema, parseResponse } from './schemas';

/**
 * topic → partition → log-end offset (read-committed, as admin.fetchTopicOffsets reads it), or
 * undefined when this kafkajs has no cluster client to lend. Any error fails the whole read (a
 * topic deleted meanwhile, a leader that moved): the caller then asks topic by topic, which tells
 * those cases apart.
 */
export async function fetchEndOffsets(
  kafka: Kafka,
  topics: readonly string[],
  call: Call,
): Promise<Map<string, Map<number, number>> | undefined> {
  const cluster = createCluster(kafka);
  if (!cluster) return undefined;
  try {
    // One counted call: a connection, one metadata request, one ListOffsets per leader.
    const answer = await call(
      `fetching end offsets of ${topics.length} topics`,
      async () => {
        await cluster.connect();
        await cluster.addMultipleTargetTopics([...topics]);
        return cluster.fetchTopicsOffset(
          topics.map((topic) => ({
            topic,
            fromBeginning: false,
            partitions: cluster.findTopicPartitionMetadata(topic).map((p) => ({ partition: p.partitionId })),
          })),
        );
      },
      true,
    );
    const parsed = parseResponse(fetchOffsetsSchema, answer, 'ListOffsets');
    return new Map(parsed.map(({ topic, partitions }) => [topic, new Map(partitions.map((p) => [p.partition, p.offset]))]));
  } finally {
    await cluster.disconnect().catch(() => undefined);
  }
}
