// Checkout: places coffee-subscription orders at a steady rate. The order and its outbox row are
// written in ONE transaction: either both exist or neither, which is the whole point of an outbox.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Tracer } from '@opentelemetry/api';
import type pg from 'pg';
import type { Logger } from '@/lib/log';
import { withTransaction } from '@/lib/sql/transaction';
import { ORDER_AGGREGATE, ORDER_PLACED, PLANS, poisonPayload, type OrderPlaced } from './events';
import type { FaultView } from './fault-board';
import { EVENT_ID, inSpan, ORDER_ID, SpanKind, traceparentOf } from './telemetry';

export interface CheckoutDeps {
  db: pg.Pool;
  faults: FaultView;
  tracer: Tracer;
  log: Logger;
  /** Orders per second. */
  rate: number;
}

export interface Checkout {
  /** Places one order now, outside the steady rate; returns its id. */
  placeOrder(): Promise<string>;
  setRate(perSecond: number): void;
  /** Orders committed since start. */
  placed(): number;
  stop(): Promise<void>;
}

const NAMES = ['ada', 'grace', 'linus', 'barbara', 'ken', 'margaret', 'dennis', 'frances', 'alan', 'radia'];
const STREETS = ['Roaster Lane', 'Bean Street', 'Crema Court', 'Arabica Road', 'Grinder Way'];

function newOrder(n: number): OrderPlaced {
  const plan = PLANS[n % PLANS.length]!;
  const name = NAMES[n % NAMES.length]!;
  return {
    schema_version: 1,
    order_id: randomUUID(),
    customer_email: `${name}.${n}@example.com`,
    address: `${(n % 200) + 1} ${STREETS[n % STREETS.length]}, Utrecht`,
    plan: plan.sku,
    amount_cents: plan.price_cents,
    created_at: new Date().toISOString(),
  };
}

export function startCheckout(deps: CheckoutDeps): Checkout {
  const { db, faults, tracer, log } = deps;
  let rate = deps.rate;
  let count = 0;
  const stopping = new AbortController();

  const placeOrder = async (): Promise<string> => {
    const order = newOrder(count);
    const eventId = randomUUID();
    const poison = faults.isOn('poison-message');
    const keys = { [ORDER_ID]: order.order_id, [EVENT_ID]: eventId };
    await inSpan(tracer, 'POST /checkout', { kind: SpanKind.SERVER, attributes: { ...keys, 'shop.plan': order.plan } }, (_, ctx) =>
      inSpan(
        tracer,
        'INSERT orders, outbox',
        {
          kind: SpanKind.CLIENT,
          parent: ctx,
          attributes: {
            ...keys,
            'db.system.name': 'postgresql',
            'db.system': 'postgresql',
            'db.operation.name': 'INSERT',
            'db.collection.name': 'orders',
          },
        },
        async (span, dbCtx) => {
          if (poison) span.setAttribute('shop.poison', true);
          await writeOrder(db, order, eventId, poison ? poisonPayload(order) : order, traceparentOf(dbCtx));
        },
      ),
    );
    count += 1;
    if (faults.isOn('delete-skips-outbox') && count % Math.max(1, Math.round(faults.valueOf('delete-skips-outbox') ?? 5)) === 0) {
      // The order just placed stands; a failed clean-up is the clean-up's problem.
      await deleteWithoutEvent(db, tracer, log).catch((error: unknown) => log.warn({ err: error }, 'clean-up delete failed'));
    }
    return order.order_id;
  };

  const loop = async () => {
    while (!stopping.signal.aborted) {
      const started = Date.now();
      let pause = 0;
      try {
        await placeOrder();
      } catch (error) {
        log.warn({ err: error }, 'order not placed');
        pause = 1_000; // the database is away: do not spin
      }
      const multiplier = faults.isOn('order-rate-x10') ? (faults.valueOf('order-rate-x10') ?? 10) : 1;
      pause = Math.max(pause, 1_000 / (rate * multiplier) - (Date.now() - started));
      await sleep(pause, undefined, { signal: stopping.signal }).catch(() => undefined);
    }
  };
  const running = loop();
  log.info({ rate }, 'checkout placing orders');

  return {
    placeOrder,
    setRate: (perSecond) => void (rate = perSecond),
    placed: () => count,
    stop: async () => {
      stopping.abort();
      await running;
    },
  };
}

async function writeOrder(
  db: pg.Pool,
  order: OrderPlaced,
  eventId: string,
  payload: unknown,
  traceparent: string | undefined,
): Promise<void> {
  await withTransaction(db, async (client) => {
    // Version 1, changed at creation: what the indexer stamps on the document (indexer-orders.ts).
    await client.query(
      'INSERT INTO orders (id, customer_email, address, plan, amount_cents, created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $6, 1)',
      [order.order_id, order.customer_email, order.address, order.plan, order.amount_cents, order.created_at],
    );
    await client.query(
      'INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, payload, traceparent) VALUES ($1, $2, $3, $4, $5, $6)',
      [eventId, ORDER_AGGREGATE, order.order_id, ORDER_PLACED, JSON.stringify(payload), traceparent ?? null],
    );
  });
}

/** Old enough to be indexed already, so what the index keeps is a whole document. */
const DELETE_OLDER_THAN = '30 seconds';

/**
 * The delete-skips-outbox switch: a clean-up job removes an order straight from the table and
 * writes no outbox row, so no consumer ever hears of it and the search index keeps the document.
 * Only a reconciliation of the index with the database finds it (an extra key).
 */
async function deleteWithoutEvent(db: pg.Pool, tracer: Tracer, log: Logger): Promise<void> {
  const attributes = {
    'db.system.name': 'postgresql',
    'db.system': 'postgresql',
    'db.operation.name': 'DELETE',
    'db.collection.name': 'orders',
  };
  await inSpan(tracer, 'DELETE orders (clean-up, no outbox)', { kind: SpanKind.CLIENT, attributes }, async (span) => {
    const { rows } = await db.query<{ id: string }>(
      `DELETE FROM orders WHERE id = (SELECT id FROM orders WHERE created_at < now() - $1::interval ORDER BY created_at DESC LIMIT 1)
       RETURNING id::text`,
      [DELETE_OLDER_THAN],
    );
    if (rows[0]) span.setAttribute(ORDER_ID, rows[0].id);
    log.debug({ order_id: rows[0]?.id }, 'clean-up deleted an order without an outbox event');
  });
}
