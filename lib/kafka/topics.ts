// Creating topics so that they are usable at once: shared by the demo shop, tests and benchmarks.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  numPartitions: number;
}

/**
 * kafkajs' `waitForLeaders` retries only LEADER_NOT_AVAILABLE, but a KRaft broker briefly answers
 * UNKNOWN_TOPIC_OR_PARTITION for a topic it has just created (kafkajs#1563), so poll for leaders;
 * and a 3.9 broker may still say NOT_LEADER to ListOffsets once metadata names it leader, so also
 * wait until every topic's offsets can be read.
 */
export async function createTopics(admin: Admin, topics: TopicSpec[], timeoutMs = 60_000): Promise<void> {
  await admin.createTopics({ topics, waitForLeaders: false });
  const names = topics.map((t) => t.topic);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const metadata = await admin.fetchTopicMetadata({ topics: names }).catch(() => undefined);
    const ready = metadata?.topics.every((t) => {
      const wanted = topics.find((s) => s.topic === t.name)?.numPartitions ?? 0;
      return t.partitions.length === wanted && t.partitions.every((p) => p.leader >= 0);
    });
    if (metadata && metadata.topics.length === names.length && ready && (await offsetsReadable(admin, names))) return;
    await sleep(200);
  }
  throw new Error(`topics ${names.join(', ')} have no leaders after ${timeoutMs / 1000} s`);
}

async function offsetsReadable(admin: Admin, names: string[]): Promise<boolean> {
  const answers = await Promise.all(
    names.map((topic) =>
      admin.fetchTopicOffsets(topic).then(
        () => true,
        () => false,
      ),
    ),
  );
  return answers.every(Boolean);
}
