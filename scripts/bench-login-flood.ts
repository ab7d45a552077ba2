// npm run bench:login-flood — does a login flood starve the health probe? /api/health is called
// one request at a time, first alone (the baseline, in this run), then while 400 logins with
// wrong passwords for random accounts from random addresses keep arriving 50 at a time; each
// password check is a real scrypt (N=16384, 16 MiB) on libuv's thread pool. The throttle lets 2
// checks run and 8 wait, and answers the rest 429 at once. Prints the probe's p50/p95 both ways
// and how the flood was answered; the goal is a p95 under 100 ms during the flood. Route handlers
// are called in this process on a scratch store (as bench:api does). A benchmark, not a test.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashPassword } from '@/lib/auth/password';
import { migrate } from '@/lib/store/migrate';
import { createScratchDatabase } from '@/e2e/fixtures/scratch-db';
import { percentile, timeCalls } from './lib/timing';

const PROBES = 200;
const FLOOD = 400;
const WAVE = 50;

const db = await createScratchDatabase('bench_login');
const dir = mkdtempSync(path.join(tmpdir(), 'truthflow-login-flood-'));
try {
  await migrate(db.url);
  const config = path.join(dir, 'truthflow.yaml');
  writeFileSync(
    config,
    [
      'sources:',
      "  db: { kind: postgres, url: 'postgres://127.0.0.1:1/none' }",
      'auth:',
      `  users: [{ name: ana, role: admin, passwordHash: "${await hashPassword('the-real-password')}" }]`,
      '  sessionSecret: ${BENCH_SESSION_SECRET}',
    ].join('\n'),
  );
  Object.assign(process.env, { DATABASE_URL: db.url, TRUTHFLOW_CONFIG: config, BENCH_SESSION_SECRET: 's'.repeat(40), LOG_LEVEL: 'silent' });
  const health = (await import('@/app/api/health/route')).GET;
  const login = (await import('@/app/api/auth/login/route')).POST;

  const probe = async () => {
    const res = await health(new Request('http://127.0.0.1/api/health'));
    await res.arrayBuffer();
  };
  const alone = await timeCalls(PROBES, probe, 10);

  const answers = new Map<number, number>();
  let flooding = true;
  const flood = (async () => {
    for (let sent = 0; sent < FLOOD; sent += WAVE) {
      await Promise.all(
        Array.from({ length: WAVE }, async (_, i) => {
          const res = await login(
            new Request('http://127.0.0.1/api/auth/login', {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${(sent + i) % 250}` },
              body: JSON.stringify({ user: `guess-${sent + i}`, password: 'wrong' }),
            }),
          );
          answers.set(res.status, (answers.get(res.status) ?? 0) + 1);
        }),
      );
    }
    flooding = false;
  })();
  const during: number[] = [];
  while (flooding) {
    const started = performance.now();
    await probe();
    during.push(performance.now() - started);
  }
  await flood;
  during.sort((a, b) => a - b);

  const row = (name: string, t: number[]) =>
    `${name.padEnd(28)} ${String(t.length).padStart(6)}  p50 ${percentile(t, 50).toFixed(1).padStart(6)} ms  p95 ${percentile(t, 95).toFixed(1).padStart(6)} ms`;
  console.log('/api/health, one call at a time');
  console.log(row('alone (baseline)', alone));
  console.log(row(`during ${FLOOD} bad logins`, during));
  console.log(`p95 ratio during / alone: ${(percentile(during, 95) / percentile(alone, 95)).toFixed(1)}×  (goal: p95 under 100 ms during)`);
  console.log(`login answers: ${[...answers].map(([status, n]) => `${n}× ${status}`).join(', ')}`);
  if (percentile(during, 95) >= 100) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
  const { closeStorePool } = await import('@/lib/store/pool');
  await closeStorePool();
  await db.drop();
}
