// The catalog: the plans on sale, published to the catalog topic when the shop starts, so the
// search indexer's second topic carries real data (and the group commits offsets on both topics).
// Published directly, without an outbox: the catalog's truth is this file, not a database.
import { randomUUID } from 'node:crypto';
import type { Tracer } from '@opentelemetry/api';
import { Partitioners, type Kafka } from 'kafkajs';
import type { ShopNames } from './config';
import { CATALOG_ITEM_CHANGED, HEADERS, PLANS, type CatalogItem } from './events';
import { inSpan, SpanKind, traceparentOf } from './telemetry';

export async function publishCatalog(kafka: Kafka, names: ShopNames, tracer: Tracer): Promise<void> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const attributes = {
      'messaging.system': 'kafka',
      'messaging.destination.name': names.catalogTopic,
      'messaging.operation.type': 'send',
    };
    await inSpan(tracer, `send ${names.catalogTopic}`, { kind: SpanKind.PRODUCER, attributes }, async (_, ctx) => {
      const updatedAt = new Date().toISOString();
      const messages = PLANS.map((plan) => {
        const item: CatalogItem = { ...plan, updated_at: updatedAt };
        const headers: Record<string, string> = { [HEADERS.eventId]: randomUUID(), [HEADERS.eventType]: CATALOG_ITEM_CHANGED };
        const traceparent = traceparentOf(ctx);
        if (traceparent) headers[HEADERS.traceparent] = traceparent;
        return { key: plan.sku, value: JSON.stringify(item), headers };
      });
      await producer.send({ topic: names.catalogTopic, messages, acks: -1 });
    });
  } finally {
    await producer.disconnect();
  }
}
