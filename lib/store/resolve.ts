// Which store to use: DATABASE_URL when set, else the embedded PostgreSQL (started if needed).
// Either way the store is migrated before anyone reads from it.
import { startEmbeddedStore, type EmbeddedStore } from './embedded';
import { migrate, type MigrationReport } from './migrate';

export interface ReadyStore extends EmbeddedStore {
  embedded: boolean;
  migrations: MigrationReport;
}

export async function readyStore(log: (line: string) => void = () => undefined): Promise<ReadyStore> {
  const fromEnv = process.env.DATABASE_URL;
  const store: EmbeddedStore = fromEnv ? { url: fromEnv, stop: async () => undefined } : await startEmbeddedStore({ log });
  try {
    const migrations = await migrate(store.url);
    return { ...store, embedded: !fromEnv, migrations };
  } catch (error) {
    await store.stop();
    throw error;
  }
}
