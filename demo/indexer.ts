// Search indexer: consumer group `search-indexer` on order and catalog events, indexing into
// OpenSearch (indexer-batch.ts does the per-message work). Offsets are resolved by hand, message by
// message, so pausing, stopping or an unreachable search node never commits what was not indexed.
import type { Tracer } from '@opentelemetry/api';
import { Partitioners, type Consumer, type EachBatchPayload, type Kafka } from 'kafkajs';
import type { Logger } from '@/lib/log';
import type { SearchClient } from '@/lib/search/client';
import type { ShopNames } from './config';
import type { FaultView } from './fault-board';
import { patientSleep, processChunk, type IndexerContext } from './indexer-batch';
import { newDrops, reindexDropped } from './indexer-orders';
import { CONSUMER_TIMING, superviseConsumer } from './kafka';

export interface IndexerDeps {
  kafka: Kafka;
  search: SearchClient;
  faults: FaultView;
  tracer: Tracer;
  log: Logger;
  names: ShopNames;
}

export interface Indexer {
  stop(): Promise<void>;
}

/** Messages per bulk request when not slowed. */
const CHUNK = 100;

export async function startSearchIndexer(deps: IndexerDeps): Promise<Indexer> {
  const { faults, log, names } = deps;
  const topics = [names.orderTopic, names.catalogTopic];
  const dlqProducer = deps.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await dlqProducer.connect().catch((error: unknown) => log.warn({ err: error }, 'DLQ producer not connected yet; sends will retry'));
  const ic: IndexerContext = { ...deps, dlqProducer, group: names.indexerGroup, health: { searchFailing: false }, drops: newDrops() };

  const eachBatch = async (payload: EachBatchPayload) => {
    const { batch } = payload;
    const shouldStop = () => !payload.isRunning() || payload.isStale() || faults.isOn('indexer-paused');
    let i = 0;
    while (i < batch.messages.length) {
      if (shouldStop()) return;
      // Read per message, so turning the switch off takes effect at once.
      const slowMs = faults.isOn('indexer-slowed') ? (faults.valueOf('indexer-slowed') ?? 0) : 0;
      const size = slowMs > 0 ? 1 : CHUNK;
      if (slowMs > 0 && !(await patientSleep(slowMs, { shouldStop, heartbeat: payload.heartbeat }))) return;
      const chunk = batch.messages.slice(i, i + size);
      if (!(await processChunk(ic, batch.topic, batch.partition, chunk, { shouldStop, heartbeat: payload.heartbeat }))) return;
      payload.resolveOffset(chunk[chunk.length - 1]!.offset);
      await payload.commitOffsetsIfNecessary();
      await payload.heartbeat();
      i += size;
    }
  };

  const supervised = await superviseConsumer(
    () => deps.kafka.consumer({ groupId: names.indexerGroup, ...CONSUMER_TIMING }),
    async (consumer) => {
      await consumer.subscribe({ topics, fromBeginning: true });
      await consumer.run({ eachBatchAutoResolve: false, eachBatch });
    },
    log,
  );

  // The pause switch, reconciled every second: also re-applies a pause after a consumer restart.
  // And once indexer-drops is off, what it dropped is written.
  const reconcile = () => {
    applyPause(supervised.consumer(), topics, faults.isOn('indexer-paused'), log);
    void reindexDropped(faults, ic.drops, deps.search, log);
  };
  const timer = setInterval(reconcile, 1_000);
  reconcile();
  log.info({ group: names.indexerGroup, topics }, 'search indexer consuming');

  return {
    stop: async () => {
      clearInterval(timer);
      await supervised.stop();
      await dlqProducer.disconnect().catch(() => undefined);
    },
  };
}

function applyPause(consumer: Consumer, topics: string[], wanted: boolean, log: Logger): void {
  try {
    const paused = consumer.paused().length > 0;
    if (wanted && !paused) {
      consumer.pause(topics.map((topic) => ({ topic })));
      log.warn('search indexer paused by fault switch: it keeps its group membership but fetches nothing');
    } else if (!wanted && paused) {
      consumer.resume(topics.map((topic) => ({ topic })));
      log.info('search indexer resumed');
    }
  } catch {
    // Not running yet (joining, restarting): the next second tries again.
  }
}
