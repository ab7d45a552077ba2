// The fault switches: one catalogue used by the CLI (scripts/demo.ts) and the dashboard's /demo
// panel. A switch is a row in the shop's demo_faults table that the services read every second;
// the two that act on servers (Kafka broker, search node) also stop and start them through the
// project's launchers, from whichever process flips the switch.
import type pg from 'pg';

export const FAULT_NAMES = [
  'relay-stopped',
  'indexer-paused',
  'indexer-slowed',
  'poison-message',
  'mapping-conflict',
  'search-node-stopped',
  'kafka-broker-stopped',
  'order-rate-x10',
] as const;
export type FaultName = (typeof FAULT_NAMES)[number];

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
  server?: 'kafka' | 'opensearch';
}

export const FAULTS: Record<FaultName, FaultSpec> = {
  'relay-stopped': {
    name: 'relay-stopped',
    title: 'Outbox relay stopped',
    description: 'The relay stops polling: orders are still committed, their outbox rows pile up unsent.',
    affects: 'checkout · outbox orders-outbox (oldest unsent age)',
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
    affects: 'checkout and search · dlq search-dlq (inflow, EventParseError)',
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
    affects: 'checkout · outbox orders-outbox, and every consumer (unknown, never zero)',
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
};

export function isFaultName(name: string): name is FaultName {
  return (FAULT_NAMES as readonly string[]).includes(name);
}

export interface FaultState extends FaultSpec {
  on: boolean;
  /** The value in force (the default unless one was set). */
  value: number | undefined;
  updatedAt: Date | undefined;
}

type Db = Pick<pg.Pool, 'query'>;

interface FaultRow {
  name: string;
  enabled: boolean;
  value: string | null;
  updated_at: Date;
}

/** Every switch with its state; switches never touched are off. */
export async function listFaults(db: Db): Promise<FaultState[]> {
  const { rows } = await db.query<FaultRow>('SELECT name, enabled, value, updated_at FROM demo_faults');
  const byName = new Map(rows.map((r) => [r.name, r]));
  return FAULT_NAMES.map((name) => stateOf(FAULTS[name], byName.get(name)));
}

function stateOf(spec: FaultSpec, row: FaultRow | undefined): FaultState {
  const stored = row?.value === null || row?.value === undefined ? undefined : Number(row.value);
  return { ...spec, on: row?.enabled ?? false, value: stored ?? spec.defaultValue, updatedAt: row?.updated_at };
}

/** Starts and stops the servers behind the two server switches (tests pass fakes or other ports). */
export interface ServerControl {
  stopKafka(): Promise<unknown>;
  startKafka(): Promise<unknown>;
  stopOpenSearch(): Promise<unknown>;
  startOpenSearch(): Promise<unknown>;
}

// Imported on demand: a process that only lists switches never loads the launchers.
export const launcherControl: ServerControl = {
  stopKafka: async () => (await import('@/scripts/kafka')).stopKafka(),
  startKafka: async () => (await import('@/scripts/kafka')).startKafka(),
  stopOpenSearch: async () => (await import('@/scripts/opensearch')).stopOpenSearch(),
  startOpenSearch: async () => (await import('@/scripts/opensearch')).startOpenSearch(),
};

export interface SetFaultOptions {
  /** Overrides the switch's number (e.g. ms per message for indexer-slowed). */
  value?: number;
  servers?: ServerControl;
}

/**
 * Turns a switch on or off and returns its new state. A server switch acts first and is recorded
 * only once the server has stopped or answers again, so the table never claims what did not happen.
 */
export async function setFault(db: Db, name: FaultName, on: boolean, opts: SetFaultOptions = {}): Promise<FaultState> {
  const spec = FAULTS[name];
  if (opts.value !== undefined && (spec.defaultValue === undefined || !Number.isFinite(opts.value) || opts.value <= 0)) {
    throw new Error(`${name} ${spec.defaultValue === undefined ? 'takes no value' : 'needs a positive number'}`);
  }
  if (spec.server) await actOnServer(spec.server, on, opts.servers ?? launcherControl);
  const { rows } = await db.query<FaultRow>(
    `INSERT INTO demo_faults (name, enabled, value, updated_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (name) DO UPDATE SET enabled = EXCLUDED.enabled, value = COALESCE(EXCLUDED.value, demo_faults.value), updated_at = now()
     RETURNING name, enabled, value, updated_at`,
    [name, on, opts.value ?? null],
  );
  return stateOf(spec, rows[0]);
}

async function actOnServer(server: 'kafka' | 'opensearch', on: boolean, control: ServerControl): Promise<void> {
  if (server === 'kafka') await (on ? control.stopKafka() : control.startKafka());
  else await (on ? control.stopOpenSearch() : control.startOpenSearch());
}

/**
 * Records the server switches as off without acting: for a shop that has just reached both servers,
 * a "broker stopped" left on from an earlier session would be a lie on the panel.
 */
export async function clearServerFaults(db: Db): Promise<void> {
  const servers = FAULT_NAMES.filter((name) => FAULTS[name].server);
  await db.query('UPDATE demo_faults SET enabled = false, updated_at = now() WHERE enabled AND name = ANY($1)', [servers]);
}

/** Returns the shop to health: every switch that is on is turned off (servers restarted). */
export async function allFaultsOff(db: Db, opts: Omit<SetFaultOptions, 'value'> = {}): Promise<FaultState[]> {
  for (const fault of await listFaults(db)) {
    if (fault.on) await setFault(db, fault.name, false, opts);
  }
  return listFaults(db);
}
