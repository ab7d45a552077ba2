// The collectors process: reads the config once, makes sure the store is ready, then runs until
// SIGINT/SIGTERM. Started by `npm start` beside the dashboard, or alone: `npx tsx collectors/main.ts`.
import { loadConfigOrExit, redactUrl } from '@/lib/config';
import { createLogger } from '@/lib/log';
import { closeStorePool } from '@/lib/store/pool';
import { readyStore } from '@/lib/store/resolve';
import { heartbeatIdentity, startHeartbeat } from './heartbeat';
import packageJson from '../package.json' with { type: 'json' };

const log = createLogger('collectors');
const config = loadConfigOrExit((line) => log.error(line));

const store = await readyStore((line) => log.debug({ embedded: true }, line));
process.env.DATABASE_URL = store.url;
log.info(
  { store: redactUrl(store.url), embedded: store.embedded, migrationsApplied: store.migrations.applied },
  'store ready',
);

const identity = heartbeatIdentity(packageJson.version);
const stopHeartbeat = startHeartbeat(identity, log);
log.info(
  { processId: identity.processId, sources: Object.keys(config.sources).length, features: config.features.length },
  'collectors started',
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'collectors stopping');
  await stopHeartbeat();
  await closeStorePool();
  await store.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
