// Starts and stops long-running server processes (Kafka, OpenSearch) that outlive the script that
// launched them: a pid file makes start idempotent and lets any later script stop the server.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { forgetOwner, ownerFromEnv, watchOwner } from './owner';

export interface DaemonSpec {
  /** Folder holding `server.pid` and `server.log`. */
  runDir: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function readPid(runDir: string): number | undefined {
  const file = path.join(runDir, 'server.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

/** Spawns the server detached, its output appended to `server.log`; returns its pid. */
export function startDaemon(spec: DaemonSpec): number {
  mkdirSync(spec.runDir, { recursive: true });
  const logFd = openSync(path.join(spec.runDir, 'server.log'), 'a');
  const child = spawn(spec.command, spec.args, {
    detached: true,
    stdio: ['ignore', logFd, logFd],
    env: { ...process.env, ...spec.env },
  });
  closeSync(logFd);
  if (child.pid === undefined) throw new Error(`could not spawn ${spec.command}`);
  child.unref();
  writeFileSync(path.join(spec.runDir, 'server.pid'), `${child.pid}\n`);
  // Launched by `npm start`: the server must not outlive it, however that start ends.
  const owner = ownerFromEnv();
  if (owner !== undefined) watchOwner({ runDir: spec.runDir, serverPid: child.pid, owner });
  return child.pid;
}

/** Sends SIGTERM, waits up to `graceMs`, then SIGKILL. Safe to call when nothing runs. */
export async function stopDaemon(runDir: string, graceMs = 20_000): Promise<boolean> {
  const pid = readPid(runDir);
  rmSync(path.join(runDir, 'server.pid'), { force: true });
  forgetOwner(runDir);
  if (pid === undefined) return false;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(200);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  return true;
}

export function portAnswers(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Polls `probe` until it resolves true; fails naming the log file when the process died or time ran out. */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  opts: { timeoutMs: number; pid?: number; logFile?: string },
): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  const hint = opts.logFile ? `; see ${opts.logFile}` : '';
  while (Date.now() < deadline) {
    if (await probe()) return;
    if (opts.pid !== undefined && !isAlive(opts.pid)) throw new Error(`${what} exited before it was ready${hint}`);
    await sleep(500);
  }
  throw new Error(`${what} not ready after ${Math.round(opts.timeoutMs / 1000)} s${hint}`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
