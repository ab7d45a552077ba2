// Applies prisma/migrations/<timestamp>_<name>/migration.sql in order and records them in a
// `_prisma_migrations` table laid out exactly as Prisma's, so `prisma migrate deploy` (where its
// native engine exists) sees the same history and has nothing left to do.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { withTransaction } from '../sql/transaction';

// Prisma's own advisory lock key, so our runner and `prisma migrate deploy` never run at once.
const PRISMA_MIGRATE_LOCK = 72707369;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
}

export function migrationsDir(root = process.cwd()): string {
  return path.join(root, 'prisma', 'migrations');
}

// turbopackIgnore: the folder is only known at run time; without the hint the Next.js build would
// trace (and ship) the whole project.
export function readMigrations(dir = migrationsDir()): Migration[] {
  return readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(/*turbopackIgnore: true*/ path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const CREATE_HISTORY_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface HistoryRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

async function history(client: pg.ClientBase): Promise<Map<string, HistoryRow>> {
  const { rows } = await client.query<HistoryRow>(
    `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
  );
  return new Map(rows.map((r) => [r.migration_name, r]));
}

function refuseBrokenHistory(migrations: Migration[], applied: Map<string, HistoryRow>): void {
  for (const m of migrations) {
    const row = applied.get(m.name);
    if (row && row.finished_at === null) {
      throw new Error(
        `migration ${m.name} started earlier but never finished; fix the database by hand, then delete its _prisma_migrations row`,
      );
    }
    if (row && row.checksum !== m.checksum) {
      throw new Error(
        `migration ${m.name} was changed after it was applied (checksum differs); add a new migration instead of editing an applied one`,
      );
    }
  }
}

// On the session that holds the advisory lock: the lock is that session's, and so is the history
// just read.
async function applyOne(client: pg.ClientBase, m: Migration): Promise<void> {
  const id = randomUUID();
  try {
    await withTransaction(client, async (tx) => {
      await tx.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`, [
        id,
        m.checksum,
        m.name,
      ]);
      await tx.query(m.sql);
      await tx.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
    });
  } catch (error) {
    throw new Error(`migration ${m.name} failed: ${(error as Error).message}`, { cause: error });
  }
}

/** Applies every pending migration; safe to run concurrently and repeatedly. */
export async function migrate(databaseUrl: string, dir = migrationsDir()): Promise<MigrationReport> {
  const migrations = readMigrations(dir);
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'truthflow-migrate' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK]);
    await client.query(CREATE_HISTORY_TABLE);
    const applied = await history(client);
    refuseBrokenHistory(migrations, applied);
    const report: MigrationReport = { applied: [], alreadyApplied: [] };
    for (const m of migrations) {
      if (applied.has(m.name)) {
        report.alreadyApplied.push(m.name);
        continue;
      }
      await applyOne(client, m);
      report.applied.push(m.name);
    }
    return report;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK]).catch(() => undefined);
    await client.end();
  }
}
