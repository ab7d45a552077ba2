// Analytics loader: consumer group `analytics-loader` on order events, loading a warehouse table in
// the shop's Postgres and keeping a watermark of the newest order it has seen. One transaction per
// fetched batch; rows are keyed by event id, so a redelivered batch loads nothing twice.
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT_CONTEXT, trace, type Span, type Tracer } from '@opentelemetry/api';
import type { EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type pg from 'pg';
import type { Logger } from '@/lib/log';
import { withTransaction } from '@/lib/sql/transaction';
import type { ShopNames } from './config';
import { HEADERS, orderPlacedSchema, parseEvent, type OrderPlaced } from './events';
import type { FaultView } from './fault-board';
import { CONSUMER_TIMING, superviseConsumer } from './kafka';
import { contextFromTraceparent, EVENT_ID, failSpan, ORDER_ID, SpanKind } from './telemetry';

export interface AnalyticsDeps {
  db: pg.Pool;
  kafka: Kafka;
  tracer: Tracer;
  log: Logger;
  names: ShopNames;
  faults: FaultView;
}

export interface Analytics {
  stop(): Promise<void>;
}

interface Loaded {
  eventId: string;
  order: OrderPlaced;
  span: Span;
}

const INSERT = `INSERT INTO analytics_orders (event_id, order_id, plan, amount_cents, ordered_at)
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::timestamptz[])
  ON CONFLICT (event_id) DO NOTHING`;
// The watermark only moves forward: a redelivered old batch must not pull it back.
const WATERMARK = `INSERT INTO analytics_watermark (consumer_group, newest_event_at, events_loaded) VALUES ($1, $2, $3)
  ON CONFLICT (consumer_group) DO UPDATE SET
    newest_event_at = GREATEST(analytics_watermark.newest_event_at, EXCLUDED.newest_event_at),
    events_loaded = analytics_watermark.events_loaded + EXCLUDED.events_loaded,
    updated_at = now()`;

export async function startAnalytics(deps: AnalyticsDeps): Promise<Analytics> {
  const { names, log } = deps;
  let failing = false;

  // The warehouse-loader-stalled switch: the load hangs, as on a lock wait in the warehouse. The
  // loader stays in its group (it heartbeats) but loads nothing and commits no offset, so both its
  // consumer lag and the warehouse's watermark fall behind until the switch is off.
  const stalled = async (payload: EachBatchPayload) => {
    if (!deps.faults.isOn('warehouse-loader-stalled')) return;
    log.warn('warehouse load hangs (warehouse-loader-stalled switch); nothing is loaded or committed');
    while (deps.faults.isOn('warehouse-loader-stalled') && payload.isRunning() && !payload.isStale()) {
      await sleep(500);
      await payload.heartbeat();
    }
    log.info('warehouse load no longer hangs');
  };

  const eachBatch = async (payload: EachBatchPayload) => {
    const { batch } = payload;
    const loaded = batch.messages.flatMap((m) => read(deps, batch.topic, batch.partition, m));
    try {
      if (loaded.length > 0) await stalled(payload);
      for (let round = 0; loaded.length > 0; round++) {
        if (!payload.isRunning() || payload.isStale()) return; // not resolved: fetched again later
        try {
          await load(deps, loaded);
          if (failing) log.info('warehouse loading again');
          failing = false;
          break;
        } catch (error) {
          if (!failing) log.warn({ err: error }, 'warehouse load failed; retrying, offsets stay uncommitted');
          failing = true;
          for (let slept = 0; slept < Math.min(5_000, 500 * 2 ** round); slept += 500) {
            await sleep(500);
            await payload.heartbeat(); // kafkajs heartbeats only when asked while a batch runs
          }
        }
      }
    } finally {
      for (const l of loaded) l.span.end();
    }
    payload.resolveOffset(batch.lastOffset());
  };

  const supervised = await superviseConsumer(
    () => deps.kafka.consumer({ groupId: names.analyticsGroup, ...CONSUMER_TIMING }),
    async (consumer) => {
      await consumer.subscribe({ topics: [names.orderTopic], fromBeginning: true });
      await consumer.run({ eachBatchAutoResolve: false, eachBatch });
    },
    log,
  );
  log.info({ group: names.analyticsGroup }, 'analytics loader consuming');
  return { stop: () => supervised.stop() };
}

/** One message: a consumer span, and the order when it parses. Unreadable events are skipped: the
 * warehouse is Tier 2 and has no DLQ of its own; the search indexer dead-letters the same event. */
function read(deps: AnalyticsDeps, topic: string, partition: number, message: KafkaMessage): Loaded[] {
  const eventId = message.headers?.[HEADERS.eventId]?.toString();
  const orderId = message.key?.toString();
  const span = deps.tracer.startSpan(
    `process ${topic}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.destination.name': topic,
        'messaging.operation.type': 'process',
        'messaging.consumer.group.name': deps.names.analyticsGroup,
        'messaging.destination.partition.id': String(partition),
        'messaging.kafka.offset': Number(message.offset),
        ...(orderId ? { [ORDER_ID]: orderId } : {}),
        ...(eventId ? { [EVENT_ID]: eventId, 'messaging.message.id': eventId } : {}),
      },
    },
    contextFromTraceparent(message.headers?.[HEADERS.traceparent]?.toString()),
  );
  try {
    const order = parseEvent(orderPlacedSchema, message.value, 'order event');
    if (!eventId) throw new Error('order event without an event_id header');
    return [{ eventId, order, span }];
  } catch (error) {
    failSpan(span, error);
    span.setAttribute('shop.skipped', true);
    span.end();
    deps.log.warn({ order_id: orderId, event_id: eventId }, `analytics skipped an unreadable event: ${(error as Error).message}`);
    return [];
  }
}

/** One transaction for the batch, with one warehouse span per order under its consumer span. */
async function load(deps: AnalyticsDeps, loaded: Loaded[]): Promise<void> {
  const spans = loaded.map((l) =>
    deps.tracer.startSpan(
      'INSERT analytics_orders',
      {
        kind: SpanKind.CLIENT,
        attributes: {
          // Explicit lane: a postgresql span would otherwise share the lane of the system of record.
          'truthflow.stage': 'warehouse',
          'db.system.name': 'postgresql',
          'db.operation.name': 'INSERT',
          'db.collection.name': 'analytics_orders',
          [ORDER_ID]: l.order.order_id,
          [EVENT_ID]: l.eventId,
        },
      },
      trace.setSpan(ROOT_CONTEXT, l.span),
    ),
  );
  try {
    await withTransaction(deps.db, async (client) => {
      const cols = [
        loaded.map((l) => l.eventId),
        loaded.map((l) => l.order.order_id),
        loaded.map((l) => l.order.plan),
        loaded.map((l) => l.order.amount_cents),
        loaded.map((l) => l.order.created_at),
      ];
      const { rowCount } = await client.query(INSERT, cols);
      const newest = new Date(loaded.reduce((max, l) => Math.max(max, Date.parse(l.order.created_at)), 0));
      await client.query(WATERMARK, [deps.names.analyticsGroup, newest, rowCount ?? 0]);
    });
  } catch (error) {
    // Also when no connection could be had: the spans still end, marked failed.
    for (const span of spans) failSpan(span, error);
    throw error;
  } finally {
    for (const span of spans) span.end();
  }
}
