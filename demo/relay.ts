// Outbox relay: publishes committed outbox rows to Kafka and marks them sent. At-least-once: rows
// are marked only after Kafka acknowledged them, so a crash between the two republishes a batch
// (consumers deduplicate on event_id / the order id). FOR UPDATE SKIP LOCKED lets several relays
// share one outbox without publishing a row twice at the same time.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Span, Tracer } from '@opentelemetry/api';
import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import type pg from 'pg';
import type { Logger } from '@/lib/log';
import { withTransaction } from '@/lib/sql/transaction';
import type { ShopNames } from './config';
import { HEADERS } from './events';
import type { FaultView } from './fault-board';
import { contextFromTraceparent, EVENT_ID, failSpan, ORDER_ID, SpanKind, traceparentOfSpan } from './telemetry';

export interface RelayDeps {
  db: pg.Pool;
  kafka: Kafka;
  faults: FaultView;
  tracer: Tracer;
  log: Logger;
  names: ShopNames;
  batchSize?: number;
  /** Poll interval while the outbox is empty. */
  idlePollMs?: number;
}

export interface Relay {
  /** Rows published and marked sent since start. */
  published(): number;
  stop(): Promise<void>;
}

interface OutboxRow {
  id: string;
  aggregate_type: string;
  aggregate_id: string;
  event_type: string;
  payload: unknown;
  traceparent: string | null;
}

// Oldest first, so the backlog's age (what Truthflow measures) drains from the old end; the
// partial index on (created_at) WHERE sent_at IS NULL serves both this and Truthflow's query.
const CLAIM = `SELECT id, aggregate_type, aggregate_id, event_type, payload, traceparent
  FROM outbox WHERE sent_at IS NULL ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`;
const MARK_SENT = 'UPDATE outbox SET sent_at = now() WHERE id = ANY($1::uuid[])';

export function startRelay(deps: RelayDeps): Relay {
  const { faults, log } = deps;
  const batchSize = deps.batchSize ?? 200;
  const idlePollMs = deps.idlePollMs ?? 200;
  const producer = deps.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  const stopping = new AbortController();
  let published = 0;
  let connected = false;
  let failing = false;
  let paused = false;

  const step = async (): Promise<number> => {
    if (!connected) {
      await producer.connect();
      connected = true;
    }
    return relayBatch(deps, producer, batchSize);
  };

  const loop = async () => {
    while (!stopping.signal.aborted) {
      let wait = idlePollMs;
      if (faults.isOn('relay-stopped')) {
        if (!paused) log.warn('relay stopped by fault switch: outbox rows stay unsent');
        paused = true;
      } else {
        if (paused) log.info('relay resumed');
        paused = false;
        try {
          const n = await step();
          published += n;
          if (failing) log.info('relay publishing again');
          failing = false;
          if (n === batchSize) wait = 0; // a backlog: drain it without pausing
        } catch (error) {
          if (!failing) log.warn({ err: error }, 'relay cannot publish; rows stay unsent and are retried');
          failing = true;
          wait = 2_000;
        }
      }
      if (wait > 0) await sleep(wait, undefined, { signal: stopping.signal }).catch(() => undefined);
    }
  };
  const running = loop();
  log.info('outbox relay polling');

  return {
    published: () => published,
    stop: async () => {
      stopping.abort();
      await running;
      await producer.disconnect().catch(() => undefined);
    },
  };
}

async function relayBatch(deps: RelayDeps, producer: Producer, batchSize: number): Promise<number> {
  const spans: Span[] = [];
  try {
    return await withTransaction(deps.db, async (client) => {
      const { rows } = await client.query<OutboxRow>(CLAIM, [batchSize]);
      if (rows.length === 0) return 0;
      const messages = rows.map((row) => {
        const span = publishSpan(deps, row);
        spans.push(span);
        return toMessage(row, span);
      });
      await producer.send({ topic: deps.names.orderTopic, messages, acks: -1 });
      await client.query(MARK_SENT, [rows.map((r) => r.id)]);
      return rows.length;
    });
  } catch (error) {
    for (const span of spans) failSpan(span, error);
    throw error;
  } finally {
    for (const span of spans) span.end();
  }
}

/** The publish is a child of the checkout's write, whose context the outbox row carried. */
function publishSpan(deps: RelayDeps, row: OutboxRow): Span {
  const topic = deps.names.orderTopic;
  return deps.tracer.startSpan(
    `send ${topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        [ORDER_ID]: row.aggregate_id,
        [EVENT_ID]: row.id,
        'messaging.system': 'kafka',
        'messaging.destination.name': topic,
        'messaging.operation.type': 'send',
        'messaging.message.id': row.id,
        'messaging.kafka.message.key': row.aggregate_id,
        'shop.event_type': row.event_type,
      },
    },
    contextFromTraceparent(row.traceparent),
  );
}

function toMessage(row: OutboxRow, span: Span): Message {
  const traceparent = traceparentOfSpan(span);
  const headers: Record<string, string> = { [HEADERS.eventId]: row.id, [HEADERS.eventType]: row.event_type };
  if (traceparent) headers[HEADERS.traceparent] = traceparent;
  return { key: row.aggregate_id, value: JSON.stringify(row.payload), headers };
}
