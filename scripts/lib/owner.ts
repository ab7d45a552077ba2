// Servers that die with the start that launched them. `npm start` launches Kafka and OpenSearch as
// daemons (their own process group, so a test's group kill or a terminal's Ctrl-C never reaches
// them half-way) and the embedded store; if that start then dies without stopping them (a third
// signal, SIGKILL, a crash), a small watchdog process notices its owner is gone and stops them.
// The owner's pid is written beside the server's own pid file, so a later start can tell a server
// left behind by a start that died (owner gone) from one somebody runs on purpose (no owner file:
// `npm run kafka -- start`, a test run) or another start's (owner alive), and adopt only the first.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Set by `npm start` to its own pid: servers launched while it is set die with that process. */
export const OWNER_ENV = 'TRUTHFLOW_SERVERS_OWNER_PID';
const OWNER_FILE = 'owner.pid';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The owning start's pid from the environment, when this process runs under one. */
export function ownerFromEnv(): number | undefined {
  const pid = Number(process.env[OWNER_ENV]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

// Plain JavaScript for `node -e`: no tsx start-up, no imports from the project. Polls twice a
// second; when the server is gone first it just exits, when the owner is gone it stops the server
// (the given signal, then SIGKILL after the grace period) and removes the owner file.
const WATCHDOG = `
const [owner, target, sig, grace, ownerFile] = process.argv.slice(1);
const alive = (pid) => { try { process.kill(Number(pid), 0); return true; } catch { return false; } };
const timer = setInterval(() => {
  if (!alive(target)) { clearInterval(timer); return; }
  if (alive(owner)) return;
  clearInterval(timer);
  try { process.kill(Number(target), sig); } catch {}
  const deadline = Date.now() + Number(grace);
  const wait = setInterval(() => {
    if (!alive(target) || Date.now() > deadline) {
      clearInterval(wait);
      if (alive(target)) try { process.kill(Number(target), 'SIGKILL'); } catch {}
      try { require('fs').rmSync(ownerFile, { force: true }); } catch {}
    }
  }, 200);
}, 500);
`;

export interface WatchOptions {
  /** Folder of the server's pid file; the owner file goes beside it. */
  runDir: string;
  serverPid: number;
  owner: number;
  /** What stops the server gracefully: SIGTERM for the JVMs, SIGINT (fast shutdown) for PostgreSQL. */
  signal?: NodeJS.Signals;
  graceMs?: number;
}

/** Records `owner` as the server's owner and starts a detached watchdog that stops the server once the owner is gone. */
export function watchOwner(opts: WatchOptions): void {
  const ownerFile = path.join(opts.runDir, OWNER_FILE);
  writeFileSync(ownerFile, `${opts.owner}\n`);
  const args = [
    '-e',
    WATCHDOG,
    String(opts.owner),
    String(opts.serverPid),
    opts.signal ?? 'SIGTERM',
    String(opts.graceMs ?? 20_000),
    ownerFile,
  ];
  spawn(process.execPath, args, { detached: true, stdio: 'ignore' }).unref();
}

/** The recorded owner of the server in `runDir`: undefined when none was recorded (started on purpose). */
export function recordedOwner(runDir: string): { pid: number; alive: boolean } | undefined {
  const file = path.join(runDir, OWNER_FILE);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? { pid, alive: alive(pid) } : undefined;
}

export function forgetOwner(runDir: string): void {
  rmSync(path.join(runDir, OWNER_FILE), { force: true });
}

/**
 * A running server whose owning start died is adopted by the current one (when this process runs
 * under a start): it is watched again and stops when this start stops. Says so; true when adopted.
 */
export function adoptIfLeftBehind(
  what: string,
  runDir: string,
  serverPid: number,
  log: (line: string) => void,
  signal?: NodeJS.Signals,
): boolean {
  const owner = ownerFromEnv();
  const recorded = recordedOwner(runDir);
  if (owner === undefined || recorded === undefined || recorded.alive) return false;
  log(
    `${what} (pid ${serverPid}) was left running by a start that died (pid ${recorded.pid}); adopting it: it stops when this start stops`,
  );
  watchOwner({ runDir, serverPid, owner, signal });
  return true;
}

/** The running postmaster of a PostgreSQL data folder, from its postmaster.pid. */
export function postmasterPid(dataDir: string): number | undefined {
  const file = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : undefined;
}
