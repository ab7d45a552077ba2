// Fault test: the collectors process's store connections are held open but silent (a proxy that
// stops forwarding). Its store work times out (connect and query deadlines, never a wait for ever), /api/health's check turns failing (a 503) within two
// collector intervals although the process is alive, and everything recovers once the proxy
// forwards again. The collectors run as a real process; health is checked as the dashboard does,
// over its own direct connection.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stopProcess } from '@/e2e/fixtures/process';
import { useScratchStore } from '@/e2e/fixtures/scratch-store';
import { startSilentProxy, type SilentProxy } from '@/e2e/fixtures/silent-proxy';
import { checkHealth, type HealthReport } from '@/lib/health';
import { storeUrl } from '@/lib/store/pool';
import { freePort } from '@/e2e/fixtures/ports';

useScratchStore('silent_store');

const INTERVAL_SECONDS = 10;
const dir = mkdtempSync(path.join(tmpdir(), 'truthflow-silent-'));
let proxy: SilentProxy | undefined;
let collectors: ChildProcess | undefined;
let output = '';

afterAll(async () => {
  await stopProcess(collectors ?? null, 5_000);
  await proxy?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Polls the health check until `ok` says so; returns the seconds it took. */
async function healthUntil(what: string, ok: (report: HealthReport) => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  let last: HealthReport | undefined;
  while (Date.now() - started < timeoutMs) {
    last = await checkHealth();
    if (ok(last)) return (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 250));
  }
  writeFileSync('/tmp/silent-out.log', output);
  throw new Error(`${what} never happened; last: ${JSON.stringify(last)}\ncollectors said:\n${output.slice(-3000)}`);
}

describe('collectors against a store that goes silent', () => {
  it('times its store work out, fails health within two intervals, and recovers when the store answers again', async () => {
    const direct = new URL(storeUrl());
    proxy = await startSilentProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const viaProxy = new URL(direct);
    viaProxy.port = String(proxy.port);
    const configFile = path.join(dir, 'truthflow.yaml');
    writeFileSync(configFile, `collectors: { intervalSeconds: ${INTERVAL_SECONDS}, timeoutSeconds: 4 }\n`);
    collectors = spawn('node_modules/.bin/tsx', ['collectors/main.ts'], {
      env: {
        ...process.env,
        DATABASE_URL: viaProxy.toString(),
        TRUTHFLOW_CONFIG: configFile,
        TRUTHFLOW_METRICS_PORT: String(await freePort()),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    collectors.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    collectors.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

    await healthUntil('health ok at start', (r) => r.status === 'ok', 60_000);

    proxy.silence();
    const failedAfter = await healthUntil('collectors failing', (r) => r.collectors.status === 'failing', 3 * INTERVAL_SECONDS * 1000);
    expect(failedAfter).toBeLessThanOrEqual(2 * INTERVAL_SECONDS);
    expect(collectors.exitCode).toBeNull(); // alive all along: only its work stalled
    // Its store work hit deadlines (connect and query timeouts) rather than waiting for ever.
    await healthUntil(
      'a store timeout in the collectors',
      () => /"msg":"could not record scrape status"/.test(output) && /timeout/i.test(output),
      40_000,
    );

    proxy.speak();
    await healthUntil('recovery', (r) => r.status === 'ok', 90_000);
  });
});
