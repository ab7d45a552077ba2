// A test file's own Truthflow store: a scratch database on the test Postgres, migrated, and made
// the store pool's DATABASE_URL before the pool is first used; dropped after the file.
// Registers vitest hooks, so call it at the top level of a test file.
import { afterAll, beforeAll } from 'vitest';
import { migrate } from '@/lib/store/migrate';
import { closeStorePool } from '@/lib/store/pool';
import { createScratchDatabase, type ScratchDatabase } from './scratch-db';

export function useScratchStore(prefix: string): void {
  let db: ScratchDatabase | undefined;
  beforeAll(async () => {
    db = await createScratchDatabase(prefix);
    await migrate(db.url);
    process.env.DATABASE_URL = db.url;
  });
  afterAll(async () => {
    await closeStorePool();
    await db?.drop();
  });
}
