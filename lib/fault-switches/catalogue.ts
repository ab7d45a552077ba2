// The demo shop's fault switches: what each one does and what it should turn red. The dashboard's
// /demo panel lists them and records a flip; the shop's services (and, for the server switches,
// the process that started the servers) read the table and act. Truthflow itself never
// acts on a monitored system.
export const FAULT_NAMES = [
  'relay-stopped',
  'indexer-paused',
  'indexer-slowed',
  'poison-message',
  'mapping-conflict',
  'search-node-stopped',
  'kafka-broker-stopped',
  'order-rate-x10',
  'cache-flushed',
  'cache-down',
  'cdc-consumer-stopped',
  'warehouse-loader-stalled',
  'indexer-drops',
  'delete-skips-outbox',
] as const;
export type FaultName = (typeof FAULT_NAMES)[number];

/** The servers a switch can stop, carried out by whoever started them (demo/server-faults.ts). */
export const FAULT_SERVERS = ['kafka', 'opensearch', 'redis'] as const;
export type FaultServer = (typeof FAULT_SERVERS)[number];

export interface FaultSpec {
  name: FaultName;
  title: string;
  /** What happens while it is on, and what should turn red in Truthflow. */
  description: string;
  /** Feature and hop expected to suffer, in truthflow.yaml's words. */
  affects: string;
  /** A number the switch carries (ms per message, multiplier); undefined when it has none. */
  defaultValue?: number;
  unit?: string;
  /** Acts on a server through its launcher rather than on the shop's services. */
  server?: FaultServer;
}

export const FAULTS: Record<FaultName, FaultSpec> = {
  'relay-stopped': {
    name: 'relay-stopped',
    title: 'Outbox relay stopped',
    description: 'The relay stops polling: orders are still committed, their outbox rows pile up unsent.',
    affects: 'checkout and search · outbox orders-outbox (oldest unsent age, backlog growing)',
  },
  'indexer-paused': {
    name: 'indexer-paused',
    title: 'Search indexer paused',
    description: 'The indexer stays in its group but fetches nothing: consumer lag grows, no commits.',
    affects: 'search · consumer search-indexer (lag, STALL)',
  },
  'indexer-slowed': {
    name: 'indexer-slowed',
    title: 'Search indexer slowed',
    description: 'The indexer sleeps before every message: it keeps committing, but falls behind.',
    affects: 'search · consumer search-indexer (lag grows, WARN)',
    defaultValue: 1500,
    unit: 'ms per message',
  },
  'poison-message': {
    name: 'poison-message',
    title: 'Poison messages',
    description: 'Checkout writes a "v2" event shape the consumers cannot parse: the indexer dead-letters it.',
    affects: 'search · dlq search-dlq (inflow, EventParseError)',
  },
  'mapping-conflict': {
    name: 'mapping-conflict',
    title: 'Mapping conflict',
    description: 'The indexer writes amount_cents as text into a numeric field: OpenSearch rejects it (400).',
    affects: 'search · index orders (rejections) and dlq search-dlq (mapper_parsing_exception)',
  },
  'search-node-stopped': {
    name: 'search-node-stopped',
    title: 'Search node stopped',
    description: 'The OpenSearch node is stopped: the indexer retries and stops committing; off restarts it.',
    affects: 'search · index orders (unreachable) and consumer search-indexer (lag)',
    server: 'opensearch',
  },
  'kafka-broker-stopped': {
    name: 'kafka-broker-stopped',
    title: 'Kafka broker stopped',
    description: 'The broker is stopped: the relay cannot publish, consumers cannot fetch; off restarts it.',
    affects: 'checkout · outbox orders-outbox; search and analytics · their consumers (unknown, never zero)',
    server: 'kafka',
  },
  'order-rate-x10': {
    name: 'order-rate-x10',
    title: 'Order rate ×10',
    description: 'Checkout places ten times as many orders: the pipeline must keep up.',
    affects: 'every hop (throughput); a slowed indexer falls behind much faster',
    defaultValue: 10,
    unit: '× order rate',
  },
  'cache-flushed': {
    name: 'cache-flushed',
    title: 'Cache flushed',
    description: 'A runaway job sends FLUSHALL to the Redis primary every second: carts and products miss and load from Postgres.',
    affects: 'cart · cache cart-cache (hit ratio falls below its threshold)',
  },
  'cache-down': {
    name: 'cache-down',
    title: 'Cache down',
    description: 'Both Redis servers are stopped: the shop serves carts from Postgres; off restarts them (empty).',
    affects: 'cart · cache cart-cache (unreachable: unknown, never zero)',
    server: 'redis',
  },
  'cdc-consumer-stopped': {
    name: 'cdc-consumer-stopped',
    title: 'CDC consumer stopped',
    description: 'The audit trail stops reading its logical replication slot: the slot pins WAL, which grows on the server.',
    affects: 'audit · cdc orders-cdc (slot stopped, WAL retained grows)',
  },
  'warehouse-loader-stalled': {
    name: 'warehouse-loader-stalled',
    title: 'Warehouse loader stalled',
    description: 'The analytics loader hangs on its warehouse write: nothing loads, its offsets stay uncommitted.',
    affects: 'analytics · consumer analytics (lag grows) and watermark analytics-orders (newest loaded order ages)',
  },
  // The two below break nothing a lag, backlog or DLQ reading can see: only reconciliation finds them.
  'indexer-drops': {
    name: 'indexer-drops',
    title: 'Indexer drops orders',
    description:
      'The indexer commits 1 in N orders without writing them: no error, no dead letter, no lag. Off re-indexes what it dropped.',
    affects: 'search · reconciliation orders-in-search (keys missing from the index, completeness)',
    defaultValue: 5,
    unit: 'orders per dropped one',
  },
  'delete-skips-outbox': {
    name: 'delete-skips-outbox',
    title: 'Deletes skip the outbox',
    description: 'A clean-up job deletes 1 in N orders older than 30 s straight from Postgres, with no outbox event: search keeps them.',
    affects: 'reconciliation orders-in-search (extra keys in the index); no SLO counts extras, so no feature turns',
    defaultValue: 5,
    unit: 'orders placed per deleted one',
  },
};

export function isFaultName(name: string): name is FaultName {
  return (FAULT_NAMES as readonly string[]).includes(name);
}
