// Runs real Redis servers (Debian's redis-server) on ports of the project's own, for the cache
// collector's tests and the demo: 16379 (primary) and 16380 (its replica) by default, far from the
// usual 6379 that other tools on the machine may use. No persistence, loopback only. Usable as a
// module (tests) and as a CLI (README, CI):
//   npx tsx scripts/redis.ts start|stop|status [--port N] [--replica-of PORT] [--maxmemory BYTES]
// Without --port, start/stop/status act on the default pair.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { portAnswers, readPid, startDaemon, stopDaemon, waitUntil } from './lib/daemon';
import { cacheRoot } from './lib/maven';

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

/** The default pair: a primary and its replica, the layout a failover needs. */
export async function startRedisPair(log?: (line: string) => void): Promise<RunningRedis[]> {
  const primary = await startRedis({ port: REDIS_PRIMARY_PORT, log });
  const replica = await startRedis({ port: REDIS_REPLICA_PORT, replicaOf: REDIS_PRIMARY_PORT, log });
  return [primary, replica];
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { port: { type: 'string' }, 'replica-of': { type: 'string' }, maxmemory: { type: 'string' } },
  });
  const int = (flag: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${flag} expects a positive integer, got ${v}`);
    return n;
  };
  const port = int('port', values.port);
  const ports = port === undefined ? [REDIS_PRIMARY_PORT, REDIS_REPLICA_PORT] : [port];
  const line = (r: RunningRedis) => `redis ${r.version} ready on 127.0.0.1:${r.port} (pid ${r.pid})`;
  switch (positionals[0]) {
    case 'start': {
      const log = (l: string) => console.error(l);
      const started =
        port === undefined
          ? await startRedisPair(log)
          : [
              await startRedis({
                port,
                replicaOf: int('replica-of', values['replica-of']),
                maxMemory: int('maxmemory', values.maxmemory),
                log,
              }),
            ];
      for (const r of started) console.log(line(r));
      return 0;
    }
    case 'stop':
      for (const p of ports) console.log((await stopRedis(p)) ? `redis on ${p} stopped` : `redis on ${p} was not running`);
      return 0;
    case 'status': {
      let all = true;
      for (const p of ports) {
        const r = await redisStatus(p);
        console.log(r ? line(r) : `redis on ${p} is not running`);
        all &&= r !== undefined;
      }
      return all ? 0 : 1;
    }
    default:
      console.error('usage: tsx scripts/redis.ts start|stop|status [--port N] [--replica-of PORT] [--maxmemory BYTES]');
      return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`redis: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
