// `npm start` stopped the way a terminal's Ctrl-C stops it: SIGINT to its whole process group
// (npm, tsx and scripts/start.ts each see one), ten full demo starts in a row. Afterwards no
// process any of them started may be left: not Kafka's or OpenSearch's JVM, the embedded store,
// the shop, the collectors, the dashboard or a watchdog. The Ctrl-C comes at three moments in
// turn: while a JVM is still booting, once the store is ready, and with everything up; each time
// the start must stop in order (its own words say so), not be cut short by a library's handler.
// Every start runs on ports, folders and a config of its own (TRUTHFLOW_KAFKA_PORT and friends,
// scripts/lib/services.ts), so the servers other tests and engineers run are never touched.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureNextBuild } from './lib/build';
import { freePort } from '../e2e/fixtures/ports';

const STARTS = 10;
// Inside the project, not /tmp: as root the store runs as the postgres user, which must reach it.
const dir = path.resolve('.truthflow', `test-start-stop-${process.pid}`);
const pgData = path.join(dir, 'pg');
const serversDir = path.join(dir, 'servers');

/** When the Ctrl-C comes, by the start's own words. */
const MOMENTS = [
  // A helper the launchers run in the foreground (kafka-storage, java -version) dies of this Ctrl-C
  // too, so only the JVM already launching is certain to have been started.
  { name: 'while a JVM boots', line: /starting kafka/, mustHaveRun: ['kafka'] },
  { name: 'once the store is ready', line: /store ready/, mustHaveRun: ['kafka', 'openSearch', 'cache', 'store'] },
  {
    name: 'with everything up',
    line: /\(Ctrl-C stops everything\)/,
    mustHaveRun: ['kafka', 'openSearch', 'cache', 'store', 'shop', 'collectors', 'dashboard'],
  },
] as const;

/** A port whose neighbours (+1 for Kafka's controller and the Redis replica, +100 for OpenSearch's transport) are free too. */
async function freePortWithNeighbours(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port + 100 > 65_000) continue;
    const neighboursFree = await Promise.all(
      [port + 1, port + 100].map(
        (p) =>
          new Promise<boolean>((resolve) => {
            const probe = net.createServer();
            probe.once('error', () => resolve(false));
            probe.listen(p, '127.0.0.1', () => probe.close(() => resolve(true)));
          }),
      ),
    );
    if (neighboursFree.every(Boolean)) return port;
  }
}

interface Proc {
  pid: number;
  pgid: number;
  args: string;
}

function processes(): Proc[] {
  const out = spawnSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' }).stdout;
  return out
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), pgid: Number(m[2]), args: m[3]! }));
}

interface Ports {
  dashboard: number;
  kafka: number;
  openSearch: number;
  redis: number;
}

/**
 * Every process a start made: its own group, and the groups of anything naming its folder (the
 * JVMs, the store, watchdogs, all launched detached) or listening as its Redis (redis-server shows
 * its address as its title).
 */
function startedBy(group: number, ports: Ports): Proc[] {
  const all = processes();
  const ours = (p: Proc) =>
    p.args.includes(dir) || p.args.includes(`127.0.0.1:${ports.redis}`) || p.args.includes(`127.0.0.1:${ports.redis + 1}`);
  const groups = new Set([group, ...all.filter(ours).map((p) => p.pgid)]);
  return all.filter((p) => p.pid !== process.pid && (groups.has(p.pgid) || ours(p)));
}

beforeAll(async () => {
  // Any build serves: this test is about processes, not pages.
  if (!existsSync(path.join(process.env.NEXT_DIST_DIR ?? '.next', 'BUILD_ID'))) await ensureNextBuild(() => undefined);
  mkdirSync(dir, { recursive: true });
  // The demo's own config, so the shop and its collectors really run.
  cpSync('truthflow.yaml', path.join(dir, 'truthflow.yaml'));
});
afterAll(() => {
  for (const p of processes().filter((q) => q.args.includes(dir))) process.kill(p.pid, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function startAndInterrupt(n: number, moment: (typeof MOMENTS)[number], ports: Ports) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(ports.dashboard),
    TRUTHFLOW_PG_DATA: pgData,
    TRUTHFLOW_PG_PORT: String(await freePort()),
    TRUTHFLOW_METRICS_PORT: String(await freePort()),
    TRUTHFLOW_CONFIG: path.join(dir, 'truthflow.yaml'),
    TRUTHFLOW_KAFKA_PORT: String(ports.kafka),
    TRUTHFLOW_OPENSEARCH_PORT: String(ports.openSearch),
    TRUTHFLOW_REDIS_PORT: String(ports.redis),
    TRUTHFLOW_SERVERS_DIR: serversDir,
    TRUTHFLOW_INTERVAL_SECONDS: '5',
    TRUTHFLOW_TIMEOUT_SECONDS: '4',
    LOG_LEVEL: 'warn',
  };
  for (const name of ['DATABASE_URL', 'SHOP_DATABASE_URL', 'KAFKA_BROKERS', 'OPENSEARCH_URL', 'TRUTHFLOW_SERVERS_OWNER_PID'])
    delete env[name];
  const npm = spawn('npm', ['start', '--', '--no-build'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const closed = new Promise<void>((resolve) => npm.stdout.once('close', () => resolve()));
  npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 240_000;
  // Everything seen while the start runs: what is left at the end must be none of it.
  const seen = new Map<number, Proc>();
  while (!moment.line.test(output)) {
    if (Date.now() > deadline || npm.exitCode !== null) throw new Error(`start ${n} never got ${moment.name}:\n${output.slice(-3000)}`);
    for (const p of startedBy(npm.pid!, ports)) seen.set(p.pid, p);
    await new Promise((r) => setTimeout(r, 200));
  }
  for (const p of startedBy(npm.pid!, ports)) seen.set(p.pid, p);
  process.kill(-npm.pid!, 'SIGINT');
  // The start keeps a Ctrl-C that came early until the JVMs it is launching are up, then stops all.
  while (!(await Promise.race([closed.then(() => true), new Promise((r) => setTimeout(() => r(false), 500))]))) {
    for (const p of startedBy(npm.pid!, ports)) seen.set(p.pid, p);
  }
  // What outlives the output pipes (a JVM or a store would) gets time to be stopped by a watchdog.
  let left = startedBy(npm.pid!, ports);
  for (let i = 0; i < 100 && left.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 300));
    left = startedBy(npm.pid!, ports);
  }
  return { seen: [...seen.values()], left, output };
}

const KINDS = {
  kafka: (p: Proc) => /java/.test(p.args) && /kafka/i.test(p.args),
  openSearch: (p: Proc) => /java/.test(p.args) && /opensearch/i.test(p.args),
  cache: (p: Proc) => /redis-server/.test(p.args),
  store: (p: Proc) => p.args.includes(pgData) && /postgres/.test(p.args),
  shop: (p: Proc) => p.args.includes('demo/main.ts'),
  collectors: (p: Proc) => p.args.includes('collectors/main.ts'),
  dashboard: (p: Proc) => /next start|next-server/.test(p.args),
};

describe('npm start, interrupted', () => {
  it(`leaves no process behind, ${STARTS} full demo starts in a row`, async () => {
    // One set of ports for all ten, as one engineer's checkout would have: each start finds the
    // folders the one before left (a formatted Kafka, an initialised store), as in real life.
    const ports: Ports = {
      dashboard: await freePort(),
      kafka: await freePortWithNeighbours(),
      openSearch: await freePortWithNeighbours(),
      redis: await freePortWithNeighbours(),
    };
    for (let n = 1; n <= STARTS; n++) {
      const moment = MOMENTS[(n - 1) % MOMENTS.length]!;
      const { seen, left, output } = await startAndInterrupt(n, moment, ports);
      const kindsSeen = Object.entries(KINDS)
        .filter(([, is]) => seen.some(is))
        .map(([kind]) => kind);
      // The start really ran what it should have by then, and stopped in order rather than dying.
      expect(kindsSeen, output.slice(-3000)).toEqual(expect.arrayContaining([...moment.mustHaveRun]));
      expect(output, `start ${n} did not stop in order`).toContain('stopping the shop, collectors and dashboard');
      expect(
        left.map((p) => p.args),
        `start ${n} (Ctrl-C ${moment.name}) left processes behind:\n${output.slice(-3000)}`,
      ).toEqual([]);
    }
  }, 1_800_000);
});
