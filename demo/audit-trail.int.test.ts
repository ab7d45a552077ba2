// The audit trail against real PostgreSQL servers: on one with wal_level=logical (the tests' own,
// e2e/fixtures/logical-postgres.ts) it captures order changes through its slot, stops confirming
// while the cdc-consumer-stopped switch is on, and catches up after; on the shared test server
// (wal_level=replica, not ours to change) it explains why there is no slot instead of failing.
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFault } from '@/lib/fault-switches/switches';
import { createLogger } from '@/lib/log';
import { startLogicalPostgres, type LogicalPostgres } from '@/e2e/fixtures/logical-postgres';
import { createScratchDatabase, type ScratchDatabase } from '@/e2e/fixtures/scratch-db';
import { ensureAuditSlot, startAuditTrail, type AuditTrail } from './audit-trail';
import { createShopPool, migrateShop } from './db';
import { watchFaults, type FaultBoard } from './fault-board';

const suffix = randomBytes(4).toString('hex');
const database = `tf_audit_${suffix}`;
const slot = `tf_audit_slot_${suffix}`;
const log = createLogger('test');
let server: LogicalPostgres;
let db: pg.Pool;
let faults: FaultBoard;
let trail: AuditTrail | undefined;

beforeAll(async () => {
  server = await startLogicalPostgres();
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = new URL(server.url);
  url.pathname = `/${database}`;
  db = createShopPool(url.toString(), 4);
  await migrateShop(db);
  faults = watchFaults(db, log, 100);
}, 120_000);

afterAll(async () => {
  await trail?.stop();
  faults?.stop();
  await db
    ?.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1', [slot])
    .catch(() => undefined);
  await db?.end();
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
  await server?.stop();
});

const placeOrder = async (): Promise<string> => {
  const id = randomUUID();
  await db.query(
    `INSERT INTO orders (id, customer_email, address, plan, amount_cents) VALUES ($1, 'ada@example.com', '1 Bean Street', 'espresso-monthly', 1800)`,
    [id],
  );
  return id;
};
const captured = async (id: string) => (await db.query('SELECT operation FROM order_changes WHERE order_id = $1', [id])).rows.length > 0;
const confirmed = async () =>
  (await db.query<{ lsn: string }>('SELECT confirmed_flush_lsn::text AS lsn FROM pg_replication_slots WHERE slot_name = $1', [slot]))
    .rows[0]?.lsn;
async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

describe('audit trail (CDC)', () => {
  it('captures order changes, stops confirming while switched off, and catches up', async () => {
    trail = await startAuditTrail({ slotDb: db, shopDb: db, faults, log, slot });
    const first = await placeOrder();
    expect(await eventually(() => captured(first))).toBe(true);

    await recordFault(db, 'cdc-consumer-stopped', true);
    await faults.refresh();
    const held = await confirmed();
    const second = await placeOrder();
    // Several read intervals pass: nothing is captured and the slot confirms nothing.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await captured(second)).toBe(false);
    expect(await confirmed()).toBe(held);

    await recordFault(db, 'cdc-consumer-stopped', false);
    await faults.refresh();
    expect(await eventually(() => captured(second))).toBe(true);
    expect(await confirmed()).not.toBe(held);
  });

  it('says why there is no slot on a server without wal_level=logical', async () => {
    let scratch: ScratchDatabase | undefined;
    const pool = await createScratchDatabase('audit_replica').then((s) => ((scratch = s), createShopPool(s.url, 1)));
    try {
      const level = (await pool.query<{ wal_level: string }>('SHOW wal_level')).rows[0]!.wal_level;
      const reason = await ensureAuditSlot(pool, log, slot);
      if (level === 'logical') expect(reason).toBeUndefined();
      else expect(reason).toMatch(/wal_level=replica|wal_level=minimal/);
    } finally {
      await pool
        .query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1', [slot])
        .catch(() => undefined);
      await pool.end();
      await scratch?.drop();
    }
  });
});
