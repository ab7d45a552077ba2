// Runs real Redis servers (Debian's redis-server) on ports of the project's own, for the cache
// collector's tests and the demo: 16379 (primary) and 16380 (its replica) by default, far from the
// usual 6379 that other tools on the machine may use. No persistence, loopback only. Usable as a
// module (tests) and as a CLI (README, CI):
//   npx tsx scripts/redis.ts start|stop|status [--port N] [--replica-of PORT] [--maxmemory BYTES]
// Without --port, start/stop/status act on the default pair.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Redis } from 'ioredis';
import { portAnswers, readPid, startDaemon, stopDaemon, waitUntil } from './lib/daemon';
import { cacheRoot } from './lib/maven';
import { positiveInt, runServerCliIfMain } from './lib/server-cli';

export const REDIS_PRIMARY_PORT = 16379;
export const REDIS_REPLICA_PORT = 16380;
const READY_TIMEOUT_MS = 20_000;

export interface RedisOptions {
  port: number;
  /** Start as a replica of the server on this port (127.0.0.1). */
  replicaOf?: number;
  /** Bytes; with it the server evicts under allkeys-lru instead of refusing writes. */
  maxMemory?: number;
  log?: (line: string) => void;
}

export interface RunningRedis {
  port: number;
  pid: number;
  version: string;
}

const runDirOf = (port: number) => path.resolve(cacheRoot(), '..', 'redis', String(port));

function redisServerBinary(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('redis-server not found: install it with `apt-get install -y redis-server` (Debian package)');
  }
}

async function ping(port: number): Promise<string | undefined> {
  const client = new Redis({
    host: '127.0.0.1',
    port,
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const info = await client.info('server');
    return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  } catch {
    return undefined;
  } finally {
    client.disconnect();
  }
}

/** Starts a server on `port`, or returns the one this project already runs there. Idempotent. */
export async function startRedis(opts: RedisOptions): Promise<RunningRedis> {
  const runDir = runDirOf(opts.port);
  const running = readPid(runDir);
  if (running === undefined && (await portAnswers(opts.port))) throw new Error(`port ${opts.port} is already in use by another process`);
  if (running === undefined) {
    const args = ['--port', String(opts.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', runDir];
    if (opts.replicaOf !== undefined) args.push('--replicaof', '127.0.0.1', String(opts.replicaOf));
    if (opts.maxMemory !== undefined) args.push('--maxmemory', String(opts.maxMemory), '--maxmemory-policy', 'allkeys-lru');
    const pid = startDaemon({ runDir, command: redisServerBinary(), args });
    opts.log?.(`redis starting on ${opts.port} (pid ${pid}), log: ${path.join(runDir, 'server.log')}`);
  }
  const pid = readPid(runDir);
  await waitUntil(`redis on ${opts.port}`, async () => (await ping(opts.port)) !== undefined, {
    timeoutMs: READY_TIMEOUT_MS,
    pid,
    logFile: path.join(runDir, 'server.log'),
  });
  return { port: opts.port, pid: pid ?? 0, version: (await ping(opts.port)) ?? 'unknown' };
}

/** Stops the server this project started on `port`; false when none was running. */
export function stopRedis(port: number): Promise<boolean> {
  return stopDaemon(runDirOf(port), 5_000);
}

export async function redisStatus(port: number): Promise<RunningRedis | undefined> {
  const pid = readPid(runDirOf(port));
  const version = pid === undefined ? undefined : await ping(port);
  return pid !== undefined && version !== undefined ? { port, pid, version } : undefined;
}

/** A primary and its replica on the next port (16379 and 16380 by default), the layout a failover needs. */
export async function startRedisPair(log?: (line: string) => void, primaryPort = REDIS_PRIMARY_PORT): Promise<RunningRedis[]> {
  const primary = await startRedis({ port: primaryPort, log });
  const replica = await startRedis({ port: primaryPort + 1, replicaOf: primaryPort, log });
  return [primary, replica];
}

/** Without --port the CLI acts on the default pair; --replica-of and --maxmemory are read by start only. */
interface RedisCliOptions {
  port: number | undefined;
  ports: number[];
  replicaOf: string | undefined;
  maxMemory: string | undefined;
}

const line = (r: RunningRedis) => `redis ${r.version} ready on 127.0.0.1:${r.port} (pid ${r.pid})`;

runServerCliIfMain(import.meta.url, {
  name: 'redis',
  usage: 'tsx scripts/redis.ts start|stop|status [--port N] [--replica-of PORT] [--maxmemory BYTES]',
  flags: ['port', 'replica-of', 'maxmemory'],
  options: (values): RedisCliOptions => {
    const port = positiveInt('port', values.port);
    const ports = port === undefined ? [REDIS_PRIMARY_PORT, REDIS_REPLICA_PORT] : [port];
    return { port, ports, replicaOf: values['replica-of'], maxMemory: values.maxmemory };
  },
  start: async ({ port, replicaOf, maxMemory }) => {
    const log = (l: string) => console.error(l);
    const started =
      port === undefined
        ? await startRedisPair(log)
        : [
            await startRedis({
              port,
              replicaOf: positiveInt('replica-of', replicaOf),
              maxMemory: positiveInt('maxmemory', maxMemory),
              log,
            }),
          ];
    for (const r of started) console.log(line(r));
  },
  stop: async ({ ports }) => {
    for (const p of ports) console.log((await stopRedis(p)) ? `redis on ${p} stopped` : `redis on ${p} was not running`);
  },
  status: async ({ ports }) => {
    let all = true;
    for (const p of ports) {
      const r = await redisStatus(p);
      console.log(r ? line(r) : `redis on ${p} is not running`);
      all &&= r !== undefined;
    }
    return all;
  },
});
