// `npm start`: the main job. Checks the config, starts (or reuses) the store, then runs the
// collectors process and the dashboard until Ctrl-C, and stops everything it started.
//   --no-build   serve the existing .next build (the e2e tests build once themselves)
import { loadConfigOrExit, redactUrl } from '@/lib/config';
import { readyStore } from '@/lib/store/resolve';
import { ensureNextBuild, ensurePrismaClient } from './lib/build';
import { run, stopAll } from './lib/children';
import { sleep } from './lib/daemon';

const log = (line: string) => console.log(`[truthflow] ${line}`);
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

loadConfigOrExit((line) => console.error(line));
await ensurePrismaClient();
if (!process.argv.includes('--no-build')) await ensureNextBuild(log);

const store = await readyStore((line) => {
  if (/error|FATAL/i.test(line)) log(`store: ${line}`);
});
log(`store ready: ${redactUrl(store.url)}${store.embedded ? ' (embedded PostgreSQL, data in .truthflow/pg)' : ''}`);

let stopping = false;
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    log('stopping collectors and dashboard');
    await stopAll();
    await store.stop();
  }
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

const env = { DATABASE_URL: store.url, NEXT_TELEMETRY_DISABLED: '1' };
// The binaries themselves, not `npx …`: a signal to them reaches the real process.
for (const [name, bin, args] of [
  ['collectors', 'node_modules/.bin/tsx', ['collectors/main.ts']],
  ['dashboard', 'node_modules/.bin/next', ['start', '-p', String(port), '-H', host]],
] as const) {
  run(name, bin, [...args], env).once('exit', (code) => {
    if (!stopping) {
      log(`${name} exited unexpectedly (code ${code}); stopping the rest`);
      void shutdown(1);
    }
  });
}

const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
for (let attempt = 0; attempt < 120; attempt++) {
  const answered = await fetch(`${url}/api/health`).then(() => true, () => false);
  if (answered) break;
  await sleep(500);
}
log(`dashboard: ${url}   health: ${url}/api/health   (Ctrl-C stops everything)`);
