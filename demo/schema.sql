-- The demo shop's own database (the system of record), not Truthflow's store. Every statement is
-- idempotent: the shop runs this at every start.

-- Orders: the truth. Customer e-mail and address are the PII the DLQ peek must redact.
CREATE TABLE IF NOT EXISTS orders (
  id             uuid PRIMARY KEY,
  customer_email text        NOT NULL,
  address        text        NOT NULL,
  plan           text        NOT NULL,
  amount_cents   integer     NOT NULL CHECK (amount_cents >= 0),
  created_at     timestamptz NOT NULL DEFAULT now()
);
-- What a reconciliation compares (truthflow.yaml reconciliations: orders-in-search): the row's
-- version and when it last changed, copied into each search document with the row hash. Checkout
-- writes version 1 at created_at; nothing in the shop updates an order yet. A shop database from
-- before these columns gets them here, its rows stamped with their creation.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS version integer NOT NULL DEFAULT 1;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS updated_at timestamptz;
UPDATE orders SET updated_at = created_at WHERE updated_at IS NULL;
ALTER TABLE orders ALTER COLUMN updated_at SET DEFAULT now(), ALTER COLUMN updated_at SET NOT NULL;
-- The reconciliation cuts buckets on updated_at: each bucket is a range scan of this index.
CREATE INDEX IF NOT EXISTS orders_updated_at_idx ON orders (updated_at);

-- Transactional outbox, "marked-sent" layout (truthflow.yaml: outboxes orders-outbox). The row is
-- written in the order's transaction; the relay publishes it and stamps sent_at. The id doubles as
-- the event id consumers deduplicate on. traceparent carries the W3C trace context of the write,
-- so the relay's publish joins the checkout's trace (Debezium's outbox router does the same with
-- its tracingspancontext column).
CREATE TABLE IF NOT EXISTS outbox (
  id             uuid PRIMARY KEY,
  aggregate_type text        NOT NULL,
  aggregate_id   text        NOT NULL,
  event_type     text        NOT NULL,
  payload        jsonb       NOT NULL,
  traceparent    text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  sent_at        timestamptz
);
-- The relay's poll and Truthflow's backlog query both read only unsent rows, oldest first.
CREATE INDEX IF NOT EXISTS outbox_unsent_idx ON outbox (created_at) WHERE sent_at IS NULL;
-- Truthflow's published-per-second query reads a window of sent_at.
CREATE INDEX IF NOT EXISTS outbox_sent_at_idx ON outbox (sent_at);

-- The warehouse (analytics-loader). Keyed by event id so a redelivered event is not counted twice.
CREATE TABLE IF NOT EXISTS analytics_orders (
  event_id     uuid PRIMARY KEY,
  order_id     uuid        NOT NULL,
  plan         text        NOT NULL,
  amount_cents integer     NOT NULL,
  ordered_at   timestamptz NOT NULL,
  loaded_at    timestamptz NOT NULL DEFAULT now()
);

-- How far the warehouse has seen: the newest order time loaded, per consumer group. One row per
-- group; it only moves forward.
CREATE TABLE IF NOT EXISTS analytics_watermark (
  consumer_group  text PRIMARY KEY,
  newest_event_at timestamptz NOT NULL,
  events_loaded   bigint      NOT NULL DEFAULT 0,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Fault switches (demo/faults.ts). The services read this table every second, so a switch flipped
-- by the CLI or the dashboard reaches a shop running in another process.
CREATE TABLE IF NOT EXISTS demo_faults (
  name       text PRIMARY KEY,
  enabled    boolean     NOT NULL DEFAULT false,
  value      numeric,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Carts (truthflow.yaml: caches cart-cache). The truth is here; the storefront reads carts through
-- Redis (cache-aside) and, on a change, writes here first and then drops the cached copy.
CREATE TABLE IF NOT EXISTS carts (
  customer   text PRIMARY KEY,
  items      jsonb       NOT NULL DEFAULT '[]',
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The audit trail (truthflow.yaml: cdc orders-cdc): every change to orders as the logical
-- replication slot decoded it. Keyed by the change's WAL position, so a change read twice (the
-- reader crashed between storing and confirming) is stored once.
CREATE TABLE IF NOT EXISTS order_changes (
  lsn         pg_lsn PRIMARY KEY,
  order_id    uuid,
  operation   text        NOT NULL,
  captured_at timestamptz NOT NULL DEFAULT now()
);

-- Truthflow's watermark on the warehouse (truthflow.yaml: watermarks analytics-orders) reads
-- max(ordered_at), and its late-arrival count a range of loaded_at.
CREATE INDEX IF NOT EXISTS analytics_orders_ordered_at_idx ON analytics_orders (ordered_at);
CREATE INDEX IF NOT EXISTS analytics_orders_loaded_at_idx ON analytics_orders (loaded_at);
