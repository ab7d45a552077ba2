// The kafka-lag collector's jobs: one per Kafka source, or one per lag shard when the source sets
// lagShards, each leased on its own so several collectors processes share one big cluster.
import type { ConsumerConfig, KafkaSource, TruthflowConfig } from '@/lib/config';
import { shardsOf, shardTargetName, type LagShard } from '@/lib/kafka/shards';
import type { JobShare } from '../types';

export interface KafkaLagTarget {
  /** The cluster, or `<cluster>:<index>/<count>` for a shard: the lease key and the scrape-status source. */
  name: string;
  /** The kafka source's name, which is also the `cluster` label. */
  cluster: string;
  shard: LagShard;
  source: KafkaSource;
  consumers: ConsumerConfig[];
  /** Present for shards: spread evenly over the collectors processes. */
  jobShare?: JobShare;
}

export function kafkaLagTargets(config: TruthflowConfig): KafkaLagTarget[] {
  return Object.values(config.sources)
    .filter((s): s is KafkaSource => s.kind === 'kafka')
    .flatMap((source) => {
      const consumers = config.consumers.filter((c) => c.source === source.name);
      const shards = shardsOf(source.lagShards);
      const jobShare = shards.length > 1 ? { share: `kafka-lag:${source.name}`, jobs: shards.length } : undefined;
      return shards.map((shard) => ({
        name: shardTargetName(source.name, shard),
        cluster: source.name,
        shard,
        source,
        consumers,
        jobShare,
      }));
    });
}
