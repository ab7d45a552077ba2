// Runs a real Prometheus Alertmanager (Debian's prometheus-alertmanager, 0.25) for the delivery
// tests: installed with apt-get when missing (as root, as on CI), one instance on a fixed port,
// no clustering, a route to a receiver that sends nothing. Usable as a module and as a CLI:
//   npx tsx scripts/alertmanager.ts start|stop|status [--port N] [--resolve-timeout 10s]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureDebianPackage } from './lib/debian';
import { portAnswers, readPid, startDaemon, stopDaemon, waitUntil } from './lib/daemon';
import { runServerCliIfMain } from './lib/server-cli';

export const ALERTMANAGER_BINARY = '/usr/bin/prometheus-alertmanager';
/** Beside the other test servers' ports; 9093 is Alertmanager's default and may be taken. */
export const ALERTMANAGER_PORT = 19393;
const RUN_DIR = path.resolve('.truthflow/alertmanager');

export interface AlertmanagerOptions {
  port?: number;
  /** How long Alertmanager keeps an alert without endsAt after its last send (its default is 5m). */
  resolveTimeout?: string;
  log?: (line: string) => void;
}

export interface RunningAlertmanager {
  url: string;
  pid: number;
}

/** Starts Alertmanager unless one of ours runs already; returns its URL. */
export async function startAlertmanager(opts: AlertmanagerOptions = {}): Promise<RunningAlertmanager> {
  const port = opts.port ?? ALERTMANAGER_PORT;
  const log = opts.log ?? console.log;
  const url = `http://127.0.0.1:${port}`;
  const configFile = path.join(RUN_DIR, 'alertmanager.yml');
  const config = [
    'global:',
    `  resolve_timeout: ${opts.resolveTimeout ?? '5m'}`,
    'route:',
    '  receiver: nowhere',
    '  group_wait: 1s',
    'receivers:',
    '  - name: nowhere',
    '',
  ].join('\n');
  // One of ours already runs: reuse it when it runs this config, restart it otherwise.
  const running = readPid(RUN_DIR);
  const sameConfig = existsSync(configFile) && readFileSync(configFile, 'utf8') === config;
  if (running !== undefined && sameConfig && (await portAnswers(port))) return { url, pid: running };
  if (running !== undefined) await stopAlertmanager();
  await ensureDebianPackage(ALERTMANAGER_BINARY, 'prometheus-alertmanager', log);
  mkdirSync(RUN_DIR, { recursive: true });
  writeFileSync(configFile, config);
  const pid = startDaemon({
    runDir: RUN_DIR,
    command: ALERTMANAGER_BINARY,
    args: [
      `--config.file=${configFile}`,
      `--storage.path=${path.join(RUN_DIR, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ],
  });
  log(`alertmanager starting on ${url} (pid ${pid})`);
  await waitUntil(
    'alertmanager',
    async () => (await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) }).catch(() => null))?.ok === true,
    { timeoutMs: 30_000, pid, logFile: path.join(RUN_DIR, 'server.log') },
  );
  return { url, pid };
}

export async function stopAlertmanager(): Promise<boolean> {
  return stopDaemon(RUN_DIR, 10_000);
}

runServerCliIfMain(import.meta.url, {
  name: 'alertmanager',
  usage: 'npx tsx scripts/alertmanager.ts start|stop|status [--port N] [--resolve-timeout 10s]',
  flags: ['port', 'resolve-timeout'],
  options: (values): AlertmanagerOptions => ({
    port: values.port ? Number(values.port) : undefined,
    resolveTimeout: values['resolve-timeout'],
  }),
  start: async (opts) => console.log((await startAlertmanager(opts)).url),
  stop: async () => console.log((await stopAlertmanager()) ? 'stopped' : 'not running'),
  // Only whether our process was started (no readiness probe), and it exits 0 either way.
  status: async ({ port }) => console.log(readPid(RUN_DIR) === undefined ? 'not running' : `running on port ${port ?? ALERTMANAGER_PORT}`),
});
