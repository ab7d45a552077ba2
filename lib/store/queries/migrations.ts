// _prisma_migrations: which migrations on disk the store has not applied yet.
import { readMigrations } from '../migrate';
import { storePool } from '../pool';

export async function pendingMigrations(): Promise<string[]> {
  const onDisk = readMigrations().map((m) => m.name);
  const { rows } = await storePool().query<{ migration_name: string }>(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const applied = new Set(rows.map((r) => r.migration_name));
  return onDisk.filter((name) => !applied.has(name));
}
