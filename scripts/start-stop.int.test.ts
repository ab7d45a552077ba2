// `npm start` stopped the way a terminal's Ctrl-C stops it: SIGINT to its whole process group
// (npm, tsx and scripts/start.ts each see one), ten starts in a row. Afterwards no process any of
// them started may be left: not the dashboard, the collectors or the embedded store, nor a
// watchdog. Each start is the light one (--no-demo: no Kafka, OpenSearch or shop, whose
// launchers' part is covered by scripts/lib/owner.int.test.ts) on its own ports, store folder and
// config, so the servers other tests and engineers run on the usual ports are never touched.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureNextBuild } from './lib/build';

const STARTS = 10;
// Inside the project, not /tmp: as root the store runs as the postgres user, which must reach it.
const dir = path.resolve('.truthflow', `test-start-stop-${process.pid}`);
const pgData = path.join(dir, 'pg');

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
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

/** Every process a start made: its own group, the groups of anything naming its folder (the store, watchdogs). */
function startedBy(group: number): Proc[] {
  const all = processes();
  const groups = new Set([group, ...all.filter((p) => p.args.includes(dir)).map((p) => p.pgid)]);
  return all.filter((p) => groups.has(p.pgid) || p.args.includes(dir));
}

beforeAll(async () => {
  // Any build serves: this test is about processes, not pages.
  if (!existsSync(path.join(process.env.NEXT_DIST_DIR ?? '.next', 'BUILD_ID'))) await ensureNextBuild(() => undefined);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'truthflow.yaml'), 'collectors: { intervalSeconds: 5, timeoutSeconds: 2 }\n');
});
afterAll(() => {
  for (const p of processes().filter((q) => q.args.includes(dir))) process.kill(p.pid, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function startAndInterrupt(n: number): Promise<{ seen: Proc[]; left: Proc[]; output: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(await freePort()),
    TRUTHFLOW_PG_DATA: pgData,
    TRUTHFLOW_PG_PORT: String(await freePort()),
    TRUTHFLOW_METRICS_PORT: String(await freePort()),
    TRUTHFLOW_CONFIG: path.join(dir, 'truthflow.yaml'),
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  delete env.TRUTHFLOW_SERVERS_OWNER_PID;
  const npm = spawn('npm', ['start', '--', '--no-demo', '--no-build'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const closed = new Promise<void>((resolve) => npm.stdout.once('close', () => resolve()));
  npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 120_000;
  while (!output.includes('(Ctrl-C stops everything)')) {
    if (Date.now() > deadline || npm.exitCode !== null) throw new Error(`start ${n} never came up:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const seen = startedBy(npm.pid!);
  process.kill(-npm.pid!, 'SIGINT');
  await closed;
  // What outlives the output pipes (a JVM or a store would) gets time to be stopped by a watchdog.
  let left = startedBy(npm.pid!);
  for (let i = 0; i < 100 && left.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 300));
    left = startedBy(npm.pid!);
  }
  return { seen, left, output };
}

describe('npm start, interrupted', () => {
  it(`leaves no process behind, ${STARTS} starts in a row`, async () => {
    for (let n = 1; n <= STARTS; n++) {
      const { seen, left, output } = await startAndInterrupt(n);
      // The start really ran what it should have: the dashboard, the collectors and the store.
      expect(
        seen.some((p) => /next start|next-server/.test(p.args)),
        output,
      ).toBe(true);
      expect(
        seen.some((p) => p.args.includes('collectors/main.ts')),
        output,
      ).toBe(true);
      expect(
        seen.some((p) => p.args.includes(pgData) && /postgres/.test(p.args)),
        output,
      ).toBe(true);
      expect(left, `start ${n} left processes behind:\n${output.slice(-3000)}`).toEqual([]);
    }
    // The first start initialises the store (~45 s); each later one takes ~15 s on an idle machine.
  }, 600_000);
});
