// A shop database from before orders had a version and updated_at: its search documents lack the
// fields the reconciliation compares, so every old order would count as missing from search. Once,
// when schema.sql adds the columns, each existing document is stamped with them (a partial update,
// so nothing else in it changes). An order whose document does not exist stays missing: it is.
import type pg from 'pg';
import type { Logger } from '@/lib/log';
import type { SearchClient } from '@/lib/search/client';
import { rowHash } from '@/lib/reconcile/hash';

const PAGE = 500;

/** True when the orders table exists without updated_at: schema.sql is about to add it. */
export async function ordersPredateReconciliation(db: Pick<pg.Pool, 'query'>): Promise<boolean> {
  const { rows } = await db.query<{ old: boolean }>(
    `SELECT to_regclass('orders') IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM information_schema.columns
                         WHERE table_schema = current_schema() AND table_name = 'orders' AND column_name = 'updated_at') AS old`,
  );
  return rows[0]?.old === true;
}

interface Row {
  id: string;
  version: number;
  updated_at: Date;
}

export async function stampOrderDocuments(db: Pick<pg.Pool, 'query'>, search: SearchClient, index: string, log: Logger): Promise<void> {
  let after = '00000000-0000-0000-0000-000000000000';
  let stamped = 0;
  for (;;) {
    const { rows } = await db.query<Row>('SELECT id::text AS id, version, updated_at FROM orders WHERE id > $1 ORDER BY id LIMIT $2', [
      after,
      PAGE,
    ]);
    if (rows.length === 0) break;
    const { items } = await search.bulk(
      rows.map((r) => ({
        action: 'update' as const,
        index,
        id: r.id,
        document: { version: r.version, updated_at: r.updated_at.toISOString(), truthflow_hash: rowHash(r.id, r.version) },
      })),
    );
    stamped += items.filter((i) => i.outcome === 'ok').length;
    after = rows[rows.length - 1]!.id;
  }
  log.info(`stamped ${stamped} existing order documents in ${index} with version, updated_at and truthflow_hash`);
}
