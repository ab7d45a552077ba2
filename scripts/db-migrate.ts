// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded store.
import { redactUrl } from '@/lib/config';
import { readyStore } from '@/lib/store/resolve';

const store = await readyStore();
try {
  const { applied, alreadyApplied } = store.migrations;
  console.log(
    `store ${redactUrl(store.url)}${store.embedded ? ' (embedded)' : ''}: ` +
      `${applied.length} migration(s) applied${applied.length ? ` (${applied.join(', ')})` : ''}, ${alreadyApplied.length} already current`,
  );
} finally {
  await store.stop();
}
