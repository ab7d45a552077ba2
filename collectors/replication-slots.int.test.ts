// The replication-slot collector against a real PostgreSQL with wal_level=logical (the tests' own,
// e2e/fixtures/logical-postgres.ts) and a real test_decoding slot whose consumer is this test:
// pg_logical_slot_get_changes reads and confirms, exactly as a CDC connector polling with SQL would.
// The collector connects as a role holding only pg_monitor.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type TruthflowConfig } from '@/lib/config';
import type { CdcConfig } from '@/lib/config/schema-flows';
import { createLogger } from '@/lib/log';
import { SERIES } from '@/lib/series-names';
import { createClients, type Clients } from '@/lib/sources/clients';
import { startLogicalPostgres, type LogicalPostgres } from '@/e2e/fixtures/logical-postgres';
import { replicationSlotsCollector, type ReplicationSlotsState } from './replication-slots';
import type { JobOutput } from './types';

const suffix = randomBytes(4).toString('hex');
const database = `tf_cdc_${suffix}`;
const slot = `tf_cdc_slot_${suffix}`;
const monitor = `tf_cdc_monitor_${suffix}`;
let server: LogicalPostgres;
let admin: pg.Client;
let db: pg.Client;
let clients: Clients;
let config: TruthflowConfig;
const log = createLogger('test');

beforeAll(async () => {
  server = await startLogicalPostgres();
  admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.query(`CREATE ROLE ${monitor} LOGIN PASSWORD 'monitor' IN ROLE pg_monitor`);
  const url = new URL(server.url);
  url.pathname = `/${database}`;
  db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  await db.query('CREATE TABLE orders (id bigserial PRIMARY KEY, payload text NOT NULL)');
  await db.query(`SELECT pg_create_logical_replication_slot($1, 'test_decoding')`, [slot]);
  url.username = monitor;
  url.password = 'monitor';
  const cdc = [
    { name: 'orders-cdc', source: 'sor', slots: [slot], safeWalSizeMinBytes: 1024 * 1024 },
    { name: 'all-slots', source: 'sor', safeWalSizeMinBytes: 1024 * 1024 },
    { name: 'tight', source: 'sor', slots: [slot], safeWalSizeMinBytes: 1024 * 1024 * 1024 },
  ];
  config = parseConfig(JSON.stringify({ sources: { sor: { kind: 'postgres', url: '${CDC_URL}' } }, cdc }), { CDC_URL: url.toString() });
  clients = createClients(config);
}, 120_000);

afterAll(async () => {
  await clients?.closeAll();
  await db
    ?.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1', [slot])
    .catch(() => undefined);
  await db?.end();
  await admin?.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
  await admin?.query(`DROP ROLE IF EXISTS ${monitor}`).catch(() => undefined);
  await admin?.end();
  await server?.stop();
});

const target = (name: string): CdcConfig => config.cdc.find((c) => c.name === name)!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const write = (rows: number) => db.query(`INSERT INTO orders (payload) SELECT repeat('x', 200) FROM generate_series(1, $1)`, [rows]);
const consume = () => db.query('SELECT count(*) FROM pg_logical_slot_get_changes($1, NULL, NULL)', [slot]);

function collect(name: string, state: ReplicationSlotsState): Promise<JobOutput> {
  return replicationSlotsCollector.collect({
    target: target(name),
    config,
    clients,
    now: () => new Date(),
    signal: new AbortController().signal,
    state,
    log,
  });
}

function value(out: JobOutput, metric: string, labels: Record<string, string> = {}): number | undefined {
  return out.samples.find((s) => s.metric === metric && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}
const signals = (out: JobOutput) => out.samples.filter((s) => s.metric === SERIES.cdcSlotSignal).map((s) => s.labels.signal);

describe('replication-slot collector', () => {
  let state: ReplicationSlotsState;
  beforeAll(() => {
    state = replicationSlotsCollector.initialState(target('orders-cdc'));
  });

  it('shows lag bytes falling and seconds near zero while the consumer keeps up', async () => {
    await write(2000);
    const behind = await collect('orders-cdc', state);
    const behindBytes = value(behind, SERIES.cdcSlotLagBytes, { slot })!;
    expect(behindBytes).toBeGreaterThan(100_000); // 2000 rows of 200 bytes not yet decoded
    expect(value(behind, SERIES.cdcWalRetainedBytes, { slot })).toBeGreaterThanOrEqual(behindBytes);
    expect(value(behind, SERIES.cdcWalStatusLevel, { slot })).toBe(0); // reserved
    // safe_wal_size is reported because max_slot_wal_keep_size is set on this server.
    expect(value(behind, SERIES.cdcSafeWalSizeBytes, { slot })).toBeGreaterThan(0);

    for (let round = 0; round < 3; round++) {
      await sleep(400);
      await write(50);
      await consume();
      const caughtUp = await collect('orders-cdc', state);
      expect(value(caughtUp, SERIES.cdcSlotLagBytes, { slot })).toBeLessThan(behindBytes / 10);
      const seconds = value(caughtUp, SERIES.cdcLagSeconds, { slot });
      expect(seconds).toBeDefined();
      // The WAL passed the confirmed position after the previous run at the latest: under one interval.
      expect(seconds!).toBeLessThan(1.5);
      expect(signals(caughtUp)).toEqual([]);
    }
  });

  it('flags a stopped consumer within two runs while its retained WAL grows', async () => {
    const before = value(await collect('orders-cdc', state), SERIES.cdcWalRetainedBytes, { slot })!;
    const runs: JobOutput[] = [];
    for (let i = 0; i < 2; i++) {
      await sleep(400);
      await write(500);
      runs.push(await collect('orders-cdc', state));
    }
    const last = runs.at(-1)!;
    expect(value(last, SERIES.cdcWalRetainedBytes, { slot })).toBeGreaterThan(before);
    expect(runs.some((r) => signals(r).includes('stopped'))).toBe(true);
    expect(signals(last)).toContain('stopped');
    expect(value(last, SERIES.cdcSlotActive, { slot })).toBe(0);
    expect(value(last, SERIES.cdcLagSeconds, { slot })!).toBeGreaterThan(0.3);
    expect(last.notes?.join('\n')).toContain(`slot "${slot}" has no consumer`);
  });

  it('flags a slot whose safe_wal_size is below the threshold, and watches every logical slot when none is named', async () => {
    const tight = await collect('tight', replicationSlotsCollector.initialState(target('tight')));
    expect(signals(tight)).toContain('safe-wal-low');
    const all = await collect('all-slots', replicationSlotsCollector.initialState(target('all-slots')));
    expect(value(all, SERIES.cdcSlotLagBytes, { slot })).toBeGreaterThan(0);
  });

  it('says a dropped slot is missing and reports no figures for it (unknown, not zero)', async () => {
    const allState = replicationSlotsCollector.initialState(target('all-slots'));
    await collect('all-slots', allState);
    await db.query('SELECT pg_drop_replication_slot($1)', [slot]);
    for (const [name, s] of [
      ['orders-cdc', state],
      ['all-slots', allState],
    ] as const) {
      const gone = await collect(name, s);
      expect(gone.samples.filter((x) => x.metric !== SERIES.cdcSlotSignal && x.labels.slot === slot)).toEqual([]);
      expect(gone.samples).toContainEqual({ metric: SERIES.cdcSlotSignal, labels: { cdc: name, slot, signal: 'missing' }, value: 1 });
      expect(gone.notes?.join('\n')).toContain(`slot "${slot}" not found`);
    }
  });
});
