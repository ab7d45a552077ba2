// The search indexer's work on a run of messages from one partition: parse, index with one bulk
// request, dead-letter what can never succeed, and retry what may succeed later. Returns only when
// every message is either indexed or dead-lettered (then its offset may be committed), or when the
// consumer must stop (then nothing is committed and the messages come again: at-least-once).
import { setTimeout as sleep } from 'node:timers/promises';
import { trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import type { KafkaMessage, Producer } from 'kafkajs';
import type { Logger } from '@/lib/log';
import type { BulkItemResult, BulkOperation, SearchClient } from '@/lib/search/client';
import type { ShopNames } from './config';
import { deadLetter } from './dlq';
import { catalogItemSchema, HEADERS, parseEvent } from './events';
import type { FaultView } from './fault-board';
import { dropThisOne, orderDocument, readOrder, type Drops } from './indexer-orders';
import { contextFromTraceparent, EVENT_ID, failSpan, ORDER_ID, SpanKind, traceparentOfSpan } from './telemetry';

export interface IndexerContext {
  search: SearchClient;
  dlqProducer: Producer;
  tracer: Tracer;
  log: Logger;
  names: ShopNames;
  faults: FaultView;
  group: string;
  /** Whether the last bulk request failed as a whole (logged on change only). */
  health: { searchFailing: boolean };
  /** The indexer-drops switch's count and the orders it dropped (indexer-orders.ts). */
  drops: Drops;
}

export interface ChunkControl {
  /** True when the consumer stops, rebalances or is paused: give up without committing. */
  shouldStop(): boolean;
  heartbeat(): Promise<void>;
}

interface Item {
  message: KafkaMessage;
  orderId?: string;
  eventId?: string;
  span: Span;
  ctx: Context;
  op?: BulkOperation;
  failure?: { errorClass: string; errorMessage: string };
  attempts: number;
}

/** "other" bulk failures (neither overload nor a bad document) are retried this often, then dead-lettered. */
const MAX_OTHER_ATTEMPTS = 5;
const BACKOFF_MS = [500, 1_000, 2_000, 5_000];
const HEARTBEAT_SLICE_MS = 500;

export async function processChunk(
  ic: IndexerContext,
  topic: string,
  partition: number,
  messages: KafkaMessage[],
  control: ChunkControl,
): Promise<boolean> {
  const items = messages.map((m) => prepare(ic, topic, partition, m));
  for (const item of items) {
    if (topic !== ic.names.orderTopic || !item.op || !dropThisOne(ic.faults, ic.drops, item.op)) continue;
    // Silently: the span ends as a success and the offset is committed with the others.
    item.op = undefined;
    item.span.setAttribute('shop.dropped', true);
  }
  try {
    if (!(await indexAll(ic, items, control))) {
      for (const item of items) failSpan(item.span, new Error('consumer stopped before the message was indexed'));
      return false;
    }
    const dead = items.filter((i) => i.failure);
    if (dead.length && !(await retrying(control, () => sendToDlq(ic, topic, partition, dead)))) return false;
    return true;
  } finally {
    for (const item of items) item.span.end();
  }
}

function prepare(ic: IndexerContext, topic: string, partition: number, message: KafkaMessage): Item {
  const eventId = message.headers?.[HEADERS.eventId]?.toString();
  const key = message.key?.toString();
  const orderId = topic === ic.names.orderTopic ? key : undefined;
  const parent = contextFromTraceparent(message.headers?.[HEADERS.traceparent]?.toString());
  const attributes: Record<string, string | number> = {
    'messaging.system': 'kafka',
    'messaging.destination.name': topic,
    'messaging.operation.type': 'process',
    'messaging.consumer.group.name': ic.group,
    'messaging.destination.partition.id': String(partition),
    'messaging.kafka.offset': Number(message.offset),
  };
  if (orderId) attributes[ORDER_ID] = orderId;
  if (eventId) attributes[EVENT_ID] = attributes['messaging.message.id'] = eventId;
  const span = ic.tracer.startSpan(`process ${topic}`, { kind: SpanKind.CONSUMER, attributes }, parent);
  const item: Item = { message, orderId, eventId, span, ctx: trace.setSpan(parent, span), attempts: 0 };
  try {
    item.op = toOperation(ic, topic, message);
  } catch (error) {
    item.failure = { errorClass: (error as Error).name, errorMessage: (error as Error).message };
    failSpan(span, error);
  }
  return item;
}

function toOperation(ic: IndexerContext, topic: string, message: KafkaMessage): BulkOperation {
  if (topic === ic.names.catalogTopic) {
    const item = parseEvent(catalogItemSchema, message.value, 'catalog event');
    return { action: 'index', index: ic.names.catalogIndex, id: item.sku, document: item };
  }
  const order = readOrder(ic.faults, message.value);
  const document = orderDocument(order, message.headers?.[HEADERS.eventId]?.toString());
  // The mapping-conflict switch: a "new indexer version" formats money for display, into a field
  // the index maps as a strict integer.
  if (ic.faults.isOn('mapping-conflict')) document.amount_cents = `${(order.amount_cents / 100).toFixed(2)} EUR`;
  // The order id is the document id: redelivery overwrites the same document (idempotent).
  return { action: 'index', index: ic.names.orderIndex, id: order.order_id, document };
}

/** Bulk-indexes every item with an operation until each is indexed or has a failure; false if told to stop. */
async function indexAll(ic: IndexerContext, items: Item[], control: ChunkControl): Promise<boolean> {
  let pending = items.filter((i) => i.op && !i.failure);
  for (let round = 0; pending.length > 0; round++) {
    if (round > 0) {
      if (!(await backoff(control, round))) return false;
    }
    const results = await bulkWithSpans(ic, pending);
    pending = pending.filter((item, n) => !settle(item, results?.[n]));
  }
  return true;
}

/** True when the item is done (indexed, or marked for the DLQ); false to retry it. */
function settle(item: Item, result: BulkItemResult | undefined): boolean {
  if (!result) return false; // the whole request failed: search unreachable or overloaded
  item.attempts += 1;
  if (result.outcome === 'ok') return true;
  if (result.outcome === 'bad_document' || (result.outcome === 'other' && item.attempts >= MAX_OTHER_ATTEMPTS)) {
    item.failure = { errorClass: result.errorType ?? `http_${result.status}`, errorMessage: result.reason ?? `status ${result.status}` };
    failSpan(item.span, new Error(`${item.failure.errorClass}: ${item.failure.errorMessage}`));
    return true;
  }
  return false; // overload (429) or a transient error: retry later
}

/** One bulk request, with one search span per message so each order's timeline shows its own write. */
async function bulkWithSpans(ic: IndexerContext, items: Item[]): Promise<BulkItemResult[] | undefined> {
  const spans = items.map((item) =>
    ic.tracer.startSpan(
      `bulk ${item.op!.index}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'db.system.name': 'opensearch',
          'db.system': 'opensearch',
          'db.operation.name': 'bulk',
          'db.collection.name': item.op!.index,
          ...(item.orderId ? { [ORDER_ID]: item.orderId } : {}),
          ...(item.eventId ? { [EVENT_ID]: item.eventId } : {}),
        },
      },
      item.ctx,
    ),
  );
  try {
    const { items: results } = await ic.search.bulk(items.map((i) => i.op!));
    results.forEach((r, n) => {
      spans[n]!.setAttribute('http.response.status_code', r.status);
      if (r.outcome !== 'ok') failSpan(spans[n]!, new Error(`${r.errorType ?? r.outcome}: ${r.reason ?? r.status}`));
    });
    if (ic.health.searchFailing) ic.log.info('search indexing again');
    ic.health.searchFailing = false;
    return results;
  } catch (error) {
    for (const span of spans) failSpan(span, error);
    if (!ic.health.searchFailing) ic.log.warn({ err: error }, 'bulk request failed; retrying, offsets stay uncommitted');
    ic.health.searchFailing = true;
    return undefined;
  } finally {
    for (const span of spans) span.end();
  }
}

/** One send for the run's dead letters; one producer span per message, so each order's timeline shows it. */
async function sendToDlq(ic: IndexerContext, topic: string, partition: number, dead: Item[]): Promise<void> {
  const dlqTopic = ic.names.dlqTopic;
  const spans = dead.map((item) =>
    ic.tracer.startSpan(
      `send ${dlqTopic}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.destination.name': dlqTopic,
          'messaging.operation.type': 'send',
          'error.type': item.failure!.errorClass,
          ...(item.orderId ? { [ORDER_ID]: item.orderId } : {}),
          ...(item.eventId ? { [EVENT_ID]: item.eventId } : {}),
        },
      },
      item.ctx,
    ),
  );
  try {
    const messages = dead.map((item, n) =>
      deadLetter({ message: item.message, topic, partition, group: ic.group, ...item.failure!, traceparent: traceparentOfSpan(spans[n]!) }),
    );
    await ic.dlqProducer.send({ topic: dlqTopic, messages, acks: -1 });
  } catch (error) {
    for (const span of spans) failSpan(span, error);
    ic.log.warn({ err: error }, `cannot write ${dead.length} dead letters to ${dlqTopic}; retrying`);
    throw error;
  } finally {
    for (const span of spans) span.end();
  }
  for (const item of dead) {
    item.span.setAttribute('shop.dead_lettered', true);
    ic.log.warn(
      { order_id: item.orderId, event_id: item.eventId, error_class: item.failure!.errorClass },
      `dead-lettered to ${dlqTopic}: ${item.failure!.errorMessage}`,
    );
  }
}

/** Retries `fn` with backoff until it succeeds; false if told to stop first. */
async function retrying(control: ChunkControl, fn: () => Promise<void>): Promise<boolean> {
  for (let round = 0; ; round++) {
    if (round > 0 && !(await backoff(control, round))) return false;
    try {
      await fn();
      return true;
    } catch {
      // fn logs and marks its spans; retried after the backoff
    }
  }
}

async function backoff(control: ChunkControl, round: number): Promise<boolean> {
  return patientSleep(BACKOFF_MS[Math.min(round - 1, BACKOFF_MS.length - 1)]!, control);
}

/**
 * Sleeps in short slices, heartbeating between them: kafkajs heartbeats only when asked while a
 * batch is processed, and a member silent for a session timeout is thrown out of its group.
 */
export async function patientSleep(ms: number, control: ChunkControl): Promise<boolean> {
  for (let slept = 0; slept < ms; slept += HEARTBEAT_SLICE_MS) {
    if (control.shouldStop()) return false;
    await sleep(Math.min(HEARTBEAT_SLICE_MS, ms - slept));
    await control.heartbeat(); // throttled by kafkajs to its heartbeat interval
  }
  return !control.shouldStop();
}
