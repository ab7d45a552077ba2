// The audit trail: change data capture from the shop's own write-ahead log. A logical replication
// slot (test_decoding) on the shop's database; every second the reader takes the decoded changes,
// stores those to `orders` in order_changes, and only then confirms them by advancing the slot, so
// a crash in between re-reads (stored once, by WAL position) and never loses a change. While the
// cdc-consumer-stopped switch is on it reads nothing: the slot keeps pinning WAL on the server,
// which is what Truthflow's cdc stage watches (truthflow.yaml: cdc orders-cdc).
//
// A database without wal_level=logical, or a role without REPLICATION, gets no slot: the shop says
// so once and runs without its audit trail; Truthflow then shows the slot as unknown, never zero.
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import type { Logger } from '@/lib/log';
import type { FaultView } from './fault-board';

/** truthflow.yaml names this slot (cdc orders-cdc). */
export const AUDIT_SLOT = 'shop_orders_audit';
const READ_EVERY_MS = 1_000;
/** Changes per read, so a reader coming back after a long stop catches up in bounded steps. */
const READ_LIMIT = 2_000;
const ORDER_CHANGE = /^table public\.orders: (INSERT|UPDATE|DELETE): .*?\bid\[uuid\]:'([0-9a-f-]{36})'/;

type Db = Pick<pg.Pool, 'query'>;

/**
 * Creates the slot when missing, and again when the server invalidated it (its WAL outgrew
 * max_slot_wal_keep_size while nobody read it). Returns why there is no slot, or undefined.
 */
export async function ensureAuditSlot(db: Db, log: Logger, slot = AUDIT_SLOT): Promise<string | undefined> {
  const level = (await db.query<{ wal_level: string }>('SHOW wal_level')).rows[0]?.wal_level;
  if (level !== 'logical') return `the shop database runs with wal_level=${level ?? '?'}, not logical`;
  const { rows } = await db.query<{ wal_status: string | null }>('SELECT wal_status FROM pg_replication_slots WHERE slot_name = $1', [
    slot,
  ]);
  if (rows[0]?.wal_status === 'lost') {
    log.warn({ slot }, 'audit slot was invalidated (lost its WAL); creating it anew, changes in between are not in the audit trail');
    await db.query('SELECT pg_drop_replication_slot($1)', [slot]);
  } else if (rows[0]) {
    return undefined;
  }
  try {
    await db.query(`SELECT pg_create_logical_replication_slot($1, 'test_decoding')`, [slot]);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '42710') return undefined; // another shop process created it just now
    if (code === '42501') return 'the shop database role lacks the REPLICATION attribute';
    throw error;
  }
  log.info({ slot }, 'audit slot created');
  return undefined;
}

interface ChangeRow {
  lsn: string;
  data: string;
}

/** One read: store the order changes, then confirm up to where the read went. */
async function readOnce(slotDb: Db, shopDb: Db, slot: string): Promise<number> {
  // Decoded only up to this position, so everything before it has been seen when it is confirmed.
  const upto = (await slotDb.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]!.lsn;
  const { rows } = await slotDb.query<ChangeRow>(
    `SELECT lsn::text, data FROM pg_logical_slot_peek_changes($1, $2::pg_lsn, $3, 'include-xids', '0', 'skip-empty-xacts', '1')`,
    [slot, upto, READ_LIMIT],
  );
  const changes = rows.flatMap((r) => {
    const m = ORDER_CHANGE.exec(r.data);
    return m ? [{ lsn: r.lsn, operation: m[1]!, orderId: m[2]! }] : [];
  });
  if (changes.length) {
    await shopDb.query(
      `INSERT INTO order_changes (lsn, operation, order_id)
       SELECT * FROM unnest($1::pg_lsn[], $2::text[], $3::uuid[]) ON CONFLICT (lsn) DO NOTHING`,
      [changes.map((c) => c.lsn), changes.map((c) => c.operation), changes.map((c) => c.orderId)],
    );
  }
  // A read cut short at the limit ends on a COMMIT row, whose position is the end of that commit.
  const confirmTo = rows.length >= READ_LIMIT ? rows.at(-1)!.lsn : upto;
  await slotDb.query('SELECT pg_replication_slot_advance($1, $2::pg_lsn)', [slot, confirmTo]);
  return changes.length;
}

export interface AuditTrailDeps {
  /** Has REPLICATION on the shop's database: reads and confirms the slot. */
  slotDb: Db;
  /** The shop's own connection: writes order_changes. */
  shopDb: Db;
  faults: FaultView;
  log: Logger;
  /** AUDIT_SLOT unless a test needs a name of its own (slot names are per server). */
  slot?: string;
}

export interface AuditTrail {
  stop(): Promise<void>;
}

export async function startAuditTrail(deps: AuditTrailDeps): Promise<AuditTrail> {
  const { log, faults } = deps;
  const slot = deps.slot ?? AUDIT_SLOT;
  const missing = await ensureAuditSlot(deps.slotDb, log, slot).catch(
    (error: unknown) => `cannot create the audit slot: ${(error as Error).message}`,
  );
  if (missing) {
    log.warn(`no CDC audit trail: ${missing}; Truthflow shows cdc orders-cdc as unknown`);
    return { stop: async () => undefined };
  }
  const stopping = new AbortController();
  let failing = false;
  const loop = async () => {
    while (!stopping.signal.aborted) {
      if (!faults.isOn('cdc-consumer-stopped')) {
        try {
          await readOnce(deps.slotDb, deps.shopDb, slot);
          if (failing) log.info('audit trail reading its slot again');
          failing = false;
        } catch (error) {
          if (!failing) log.warn({ err: error, slot }, 'audit trail cannot read its slot; retrying');
          failing = true;
        }
      }
      await sleep(READ_EVERY_MS, undefined, { signal: stopping.signal }).catch(() => undefined);
    }
  };
  const running = loop();
  log.info({ slot }, 'audit trail reading its replication slot');
  return {
    stop: async () => {
      stopping.abort();
      await running;
    },
  };
}
