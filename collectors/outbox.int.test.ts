// The outbox collector against the real Postgres: a scratch database plays the monitored system of
// record with both outbox layouts; the collector reads it through the real clients module.
import { randomBytes } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type OutboxConfig, type TruthflowConfig } from '@/lib/config';
import { TruthflowError } from '@/lib/errors';
import { createLogger } from '@/lib/log';
import { SERIES } from '@/lib/series-names';
import { createScratchDatabase, type ScratchDatabase } from '@/e2e/fixtures/scratch-db';
import { createClients, type Clients } from '@/lib/sources/clients';
import { outboxCollector, type OutboxState } from './outbox';
import { TOP_AGGREGATE_TYPES } from './outbox/sql';
import type { JobOutput } from './types';

let db: ScratchDatabase;
let admin: pg.Pool;
let clients: Clients;
let config: TruthflowConfig;
const slot = `tf_outbox_test_${randomBytes(4).toString('hex')}`;
const log = createLogger('test');

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

const outboxes = [
  { name: 'orders', source: 'db', table: 'public.outbox', layout: 'marked-sent' },
  { name: 'many-types', source: 'db', table: 'many_types', layout: 'marked-sent' },
  { name: 'droppable', source: 'db', table: 'public.outbox_drop', layout: 'marked-sent' },
  { name: 'no-sent-at', source: 'db', table: 'public.outbox_nosent', layout: 'marked-sent' },
  { name: 'events', source: 'db', table: 'app.outbox_events', layout: 'delete-after-publish', columns: { createdAt: 'created_at' } },
  { name: 'events-cdc', source: 'db', table: 'app.outbox_events', layout: 'delete-after-publish', replicationSlot: slot },
  { name: 'events-no-slot', source: 'db', table: 'app.outbox_events', layout: 'delete-after-publish', replicationSlot: `${slot}_missing` },
];

beforeAll(async () => {
  db = await createScratchDatabase('outbox');
  admin = new pg.Pool({ connectionString: db.url, max: 2 });
  const ghost = new URL(db.url);
  ghost.username = 'truthflow_no_such_role';
  const closed = new URL(db.url);
  closed.port = String(await closedPort());
  const sources = {
    db: { kind: 'postgres', url: db.url },
    ghost: { kind: 'postgres', url: ghost.toString() },
    closed: { kind: 'postgres', url: closed.toString() },
  };
  config = parseConfig(JSON.stringify({ sources, outboxes, collectors: { intervalSeconds: 10, timeoutSeconds: 8 } }), {});
  clients = createClients(config);
  await admin.query(`
    CREATE TABLE public.outbox (id bigserial PRIMARY KEY, aggregate_type text, aggregate_id text, event_type text,
      payload jsonb, created_at timestamptz NOT NULL DEFAULT now(), sent_at timestamptz);
    CREATE TABLE many_types (LIKE public.outbox INCLUDING DEFAULTS);
    CREATE TABLE public.outbox_nosent (id bigserial PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now());
    CREATE SCHEMA app;
    CREATE TABLE app.outbox_events (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), aggregatetype text NOT NULL,
      aggregateid text NOT NULL, type text NOT NULL, payload jsonb, created_at timestamptz NOT NULL DEFAULT now());`);
});

afterAll(async () => {
  await clients?.closeAll();
  await admin
    ?.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1', [slot])
    .catch(() => undefined);
  await admin?.end();
  await db?.drop();
});

const target = (name: string, source?: string): OutboxConfig => {
  const found = config.outboxes.find((o) => o.name === name)!;
  return source ? { ...found, source } : found;
};

function collect(outbox: OutboxConfig, state: OutboxState): Promise<JobOutput> {
  return outboxCollector.collect({
    target: outbox,
    config,
    clients,
    now: () => new Date(),
    signal: new AbortController().signal,
    state,
    log,
  });
}

function value(result: JobOutput, metric: string, labels: Record<string, string>): number | undefined {
  const key = JSON.stringify(Object.entries(labels).sort());
  const matches = result.samples.filter((s) => s.metric === metric && JSON.stringify(Object.entries(s.labels).sort()) === key);
  expect(matches.length).toBeLessThanOrEqual(1);
  return matches[0]?.value;
}

async function failure(p: Promise<unknown>): Promise<TruthflowError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TruthflowError);
  return error as TruthflowError;
}

const BACKLOG_NOTE =
  'backlog query scans the whole table "public"."outbox"; add: CREATE INDEX CONCURRENTLY outbox_unsent_idx ON "public"."outbox" ("created_at") WHERE "sent_at" IS NULL';
const PUBLISHED_NOTE =
  'published-rate query scans the whole table "public"."outbox"; add: CREATE INDEX CONCURRENTLY outbox_sent_at_idx ON "public"."outbox" ("sent_at")';

describe('outbox collector, marked-sent layout', () => {
  let state: OutboxState;
  const firstRun = { start: 0, end: 0 };
  beforeAll(() => {
    state = outboxCollector.initialState(target('orders'));
  });

  it('counts the backlog and its age by the database clock, split by aggregate type', async () => {
    await admin.query(`
      INSERT INTO public.outbox (aggregate_type, aggregate_id, event_type, created_at)
        SELECT 'order', 'o-' || i, 'OrderPlaced', now() - interval '90 seconds' FROM generate_series(1, 5) i;
      INSERT INTO public.outbox (aggregate_type, aggregate_id, event_type, created_at)
        SELECT 'customer', 'c-' || i, 'CustomerChanged', now() - interval '30 seconds' FROM generate_series(1, 3) i;
      INSERT INTO public.outbox (aggregate_type, aggregate_id, event_type, created_at, sent_at)
        SELECT 'order', 'o-old-' || i, 'OrderPlaced', now() - interval '1 hour', now() - interval '59 minutes' FROM generate_series(1, 2) i;`);
    const inserted = Date.now();
    firstRun.start = inserted;
    const first = await collect(target('orders'), state);
    firstRun.end = Date.now();
    const slack = (Date.now() - inserted) / 1000 + 1;
    expect(value(first, SERIES.outboxUnsentRows, { outbox: 'orders' })).toBe(8);
    expect(value(first, SERIES.outboxOldestUnsentAgeSeconds, { outbox: 'orders' })).toBeGreaterThanOrEqual(90);
    expect(value(first, SERIES.outboxOldestUnsentAgeSeconds, { outbox: 'orders' })).toBeLessThan(90 + slack);
    expect(value(first, SERIES.outboxUnsentRows, { outbox: 'orders', aggregate_type: 'order' })).toBe(5);
    expect(value(first, SERIES.outboxUnsentRows, { outbox: 'orders', aggregate_type: 'customer' })).toBe(3);
    expect(value(first, SERIES.outboxOldestUnsentAgeSeconds, { outbox: 'orders', aggregate_type: 'customer' })).toBeLessThan(30 + slack);
    // First run: the publish rate is unknown, not 0.
    expect(first.samples.filter((s) => s.metric === SERIES.outboxPublishedPerSecond)).toEqual([]);
    expect(first.notes).toEqual([BACKLOG_NOTE, PUBLISHED_NOTE]);
  });

  it('reports rows published per second between two runs, and a drained type once as 0', async () => {
    await new Promise((r) => setTimeout(r, 1000));
    await admin.query(`UPDATE public.outbox SET sent_at = now()
      WHERE sent_at IS NULL AND (aggregate_type = 'customer' OR aggregate_id = 'o-1')`);
    const runStart = Date.now();
    const second = await collect(target('orders'), state);
    const after = Date.now();
    expect(value(second, SERIES.outboxUnsentRows, { outbox: 'orders' })).toBe(4);
    expect(value(second, SERIES.outboxUnsentRows, { outbox: 'orders', aggregate_type: 'customer' })).toBe(0);
    // 4 rows over the time between the two runs' now(), which lies within these wall-clock bounds.
    const rate = value(second, SERIES.outboxPublishedPerSecond, { outbox: 'orders' })!;
    expect(rate).toBeGreaterThanOrEqual(4 / ((after - firstRun.start) / 1000 + 0.05));
    expect(rate).toBeLessThanOrEqual(4 / ((runStart - firstRun.end) / 1000 - 0.05));
    expect(second.notes).toEqual([BACKLOG_NOTE, PUBLISHED_NOTE]); // kept in state between plan checks

    const third = await collect(target('orders'), state);
    expect(value(third, SERIES.outboxUnsentRows, { outbox: 'orders', aggregate_type: 'customer' })).toBeUndefined();
    expect(value(third, SERIES.outboxPublishedPerSecond, { outbox: 'orders' })).toBe(0);
  });

  it('stops naming an index once it exists, even on a table small enough for a seq scan', async () => {
    await admin.query('CREATE INDEX outbox_unsent_idx ON public.outbox (created_at) WHERE sent_at IS NULL');
    const withPartial = await collect(target('orders'), outboxCollector.initialState(target('orders')));
    expect(withPartial.notes).toEqual([PUBLISHED_NOTE]);
    await admin.query('CREATE INDEX outbox_sent_at_idx ON public.outbox (sent_at)');
    const withBoth = await collect(target('orders'), outboxCollector.initialState(target('orders')));
    expect(withBoth.notes).toBeUndefined();
    expect(value(withBoth, SERIES.outboxUnsentRows, { outbox: 'orders' })).toBe(4);
  });

  it(`keeps the top ${TOP_AGGREGATE_TYPES} aggregate types and folds the rest into "other"`, async () => {
    // type t01 has 13 rows, t02 12, …, t13 1: t11..t13 (3 + 2 + 1 rows) fall outside the top 10.
    await admin.query(`INSERT INTO many_types (aggregate_type, created_at)
      SELECT 't' || lpad(t::text, 2, '0'), now() - make_interval(secs => t) FROM generate_series(1, 13) t, generate_series(1, 14 - t)`);
    const result = await collect(target('many-types'), outboxCollector.initialState(target('many-types')));
    const typed = result.samples.filter((s) => s.metric === SERIES.outboxUnsentRows && s.labels.aggregate_type !== undefined);
    expect(typed).toHaveLength(TOP_AGGREGATE_TYPES + 1);
    expect(value(result, SERIES.outboxUnsentRows, { outbox: 'many-types', aggregate_type: 't01' })).toBe(13);
    expect(value(result, SERIES.outboxUnsentRows, { outbox: 'many-types', aggregate_type: 'other' })).toBe(6);
    expect(value(result, SERIES.outboxUnsentRows, { outbox: 'many-types' })).toBe(91);
    expect(value(result, SERIES.outboxOldestUnsentAgeSeconds, { outbox: 'many-types', aggregate_type: 'other' })).toBeGreaterThanOrEqual(
      13,
    );
  });
});

describe('outbox collector, delete-after-publish layout', () => {
  it('counts every row as unsent, with age when a created-at column is configured, and no publish rate', async () => {
    await admin.query(`INSERT INTO app.outbox_events (aggregatetype, aggregateid, type, created_at) VALUES
      ('Order', 'o-1', 'OrderPlaced', now() - interval '120 seconds'), ('Order', 'o-2', 'OrderPlaced', now()),
      ('Customer', 'c-1', 'CustomerChanged', now() - interval '10 seconds')`);
    const state = outboxCollector.initialState(target('events'));
    const first = await collect(target('events'), state);
    expect(value(first, SERIES.outboxUnsentRows, { outbox: 'events' })).toBe(3);
    expect(value(first, SERIES.outboxOldestUnsentAgeSeconds, { outbox: 'events' })).toBeGreaterThanOrEqual(120);
    expect(value(first, SERIES.outboxOldestUnsentAgeSeconds, { outbox: 'events' })).toBeLessThan(125);
    expect(value(first, SERIES.outboxUnsentRows, { outbox: 'events', aggregate_type: 'Order' })).toBe(2);
    expect(value(first, SERIES.outboxUnsentRows, { outbox: 'events', aggregate_type: 'Customer' })).toBe(1);
    expect(first.notes).toBeUndefined(); // no plan check: every row is backlog by definition
    await admin.query(`DELETE FROM app.outbox_events WHERE aggregateid = 'o-1'`);
    const second = await collect(target('events'), state);
    expect(value(second, SERIES.outboxUnsentRows, { outbox: 'events' })).toBe(2);
    expect(second.samples.filter((s) => s.metric === SERIES.outboxPublishedPerSecond)).toEqual([]);
  });

  it('reports the replication slot lag, and says so when age or the slot is unknown', async () => {
    await admin.query('SELECT pg_create_physical_replication_slot($1, true)', [slot]);
    await admin.query(
      `INSERT INTO app.outbox_events (aggregatetype, aggregateid, type) SELECT 'Order', 'w-' || i, 'X' FROM generate_series(1, 100) i`,
    );
    const lagSql =
      'SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::float8 AS lag FROM pg_replication_slots WHERE slot_name = $1';
    const lagBefore = (await admin.query<{ lag: number }>(lagSql, [slot])).rows[0]!.lag;
    const result = await collect(target('events-cdc'), outboxCollector.initialState(target('events-cdc')));
    const lagAfter = (await admin.query<{ lag: number }>(lagSql, [slot])).rows[0]!.lag;
    const lag = value(result, SERIES.outboxReplicationSlotLagBytes, { outbox: 'events-cdc' })!;
    expect(lagBefore).toBeGreaterThan(0);
    expect(lag).toBeGreaterThanOrEqual(lagBefore);
    expect(lag).toBeLessThanOrEqual(lagAfter);
    expect(value(result, SERIES.outboxUnsentRows, { outbox: 'events-cdc' })).toBe(102);
    expect(result.samples.filter((s) => s.metric === SERIES.outboxOldestUnsentAgeSeconds)).toEqual([]);
    expect(result.notes).toEqual(['oldest unsent age unknown: outbox "events-cdc" has no createdAt column configured']);

    const missing = await collect(target('events-no-slot'), outboxCollector.initialState(target('events-no-slot')));
    expect(missing.samples.filter((s) => s.metric === SERIES.outboxReplicationSlotLagBytes)).toEqual([]);
    expect(missing.notes).toContain(`replication slot "${slot}_missing" not found or holds no position; slot lag unknown`);
  });
});

describe('outbox collector faults', () => {
  it('works over a read-only session: a write through the same pool fails', async () => {
    const pool = clients.postgres('db');
    expect((await pool.query('SHOW default_transaction_read_only')).rows[0]).toEqual({ default_transaction_read_only: 'on' });
    const error = await pool.query(`INSERT INTO public.outbox (aggregate_type) VALUES ('x')`).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('25006'); // read_only_sql_transaction
  });

  it('reports a dropped table as a config error naming it, and recovers once it is back', async () => {
    const create = `CREATE TABLE public.outbox_drop (id bigserial PRIMARY KEY, aggregate_type text,
      created_at timestamptz NOT NULL DEFAULT now(), sent_at timestamptz)`;
    await admin.query(create);
    const state = outboxCollector.initialState(target('droppable'));
    await collect(target('droppable'), state);
    await admin.query('DROP TABLE public.outbox_drop');
    const dropped = await failure(collect(target('droppable'), state));
    expect(dropped.kind).toBe('config');
    expect(dropped.message).toContain('relation "public.outbox_drop" does not exist');
    const stillMissing = await failure(collect(target('droppable'), state));
    expect(stillMissing.kind).toBe('config');
    expect(stillMissing.message).toContain('table "public"."outbox_drop" does not exist');
    await admin.query(create);
    await admin.query(`INSERT INTO public.outbox_drop (aggregate_type) VALUES ('order'), ('order')`);
    const back = await collect(target('droppable'), state);
    expect(value(back, SERIES.outboxUnsentRows, { outbox: 'droppable' })).toBe(2);
  });

  it('names a missing configured column', async () => {
    const error = await failure(collect(target('no-sent-at'), outboxCollector.initialState(target('no-sent-at'))));
    expect(error.kind).toBe('config');
    expect(error.message).toContain('column "sent_at" (sentAt) does not exist in table "public"."outbox_nosent"');
  });

  it('reports a role that does not exist as auth and a closed port as network', async () => {
    const auth = await failure(collect(target('orders', 'ghost'), outboxCollector.initialState(target('orders'))));
    expect(auth.kind).toBe('auth');
    expect(auth.message).toContain('role "truthflow_no_such_role" does not exist');
    const network = await failure(collect(target('orders', 'closed'), outboxCollector.initialState(target('orders'))));
    expect(network.kind).toBe('network');
    expect(network.message).toContain('ECONNREFUSED');
  });
});
