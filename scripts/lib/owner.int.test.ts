// Servers launched under `npm start` die with it, and a later start adopts one left behind by a
// start that died. Real processes throughout: a `sleep` stands in for a JVM, a small node process
// for the start that owns it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { isAlive, readPid, startDaemon, stopDaemon } from './daemon';
import { adoptIfLeftBehind, OWNER_ENV, recordedOwner } from './owner';

const dir = mkdtempSync(path.join(tmpdir(), 'truthflow-owner-'));
const owners: ChildProcess[] = [];
const savedOwner = process.env[OWNER_ENV];

afterEach(() => {
  if (savedOwner === undefined) delete process.env[OWNER_ENV];
  else process.env[OWNER_ENV] = savedOwner;
});
afterAll(async () => {
  for (const o of owners) o.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** A process standing in for a running `npm start`. */
function startOwner(): number {
  const owner = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  owners.push(owner);
  return owner.pid!;
}

async function killAndWait(pid: number): Promise<void> {
  process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 50 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

async function goneWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** The watchdog processes of one run folder (they name its owner file on their command line). */
async function watchdogsOf(runDir: string): Promise<number[]> {
  const ps = spawn('ps', ['-eo', 'pid=,args='], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  ps.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await new Promise((r) => ps.once('close', r));
  return out
    .split('\n')
    .filter((line) => line.includes(path.join(runDir, 'owner.pid')))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

describe('servers owned by a start', () => {
  it('stop when the start that launched them dies, and their watchdog goes too', async () => {
    const runDir = path.join(dir, 'dies-with-owner');
    const owner = startOwner();
    process.env[OWNER_ENV] = String(owner);
    const server = startDaemon({ runDir, command: 'sleep', args: ['600'] });
    expect(recordedOwner(runDir)).toEqual({ pid: owner, alive: true });
    const [watchdog] = await watchdogsOf(runDir);
    expect(watchdog).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(isAlive(server)).toBe(true); // the owner lives: nothing happens

    await killAndWait(owner);
    expect(await goneWithin(server, 5_000)).toBe(true);
    expect(await goneWithin(watchdog!, 5_000)).toBe(true);
    expect(recordedOwner(runDir)).toBeUndefined();
  });

  it('are left alone when started on purpose, outside any start', async () => {
    const runDir = path.join(dir, 'on-purpose');
    delete process.env[OWNER_ENV];
    const server = startDaemon({ runDir, command: 'sleep', args: ['600'] });
    expect(recordedOwner(runDir)).toBeUndefined();
    expect(await watchdogsOf(runDir)).toEqual([]);
    process.env[OWNER_ENV] = String(startOwner());
    expect(adoptIfLeftBehind('test server', runDir, server, () => undefined)).toBe(false);
    await stopDaemon(runDir, 2_000);
    expect(isAlive(server)).toBe(false);
  });

  it('are adopted, with a message, by the next start when their start and its watchdog died', async () => {
    const runDir = path.join(dir, 'left-behind');
    const first = startOwner();
    process.env[OWNER_ENV] = String(first);
    const server = startDaemon({ runDir, command: 'sleep', args: ['600'] });
    for (const watchdog of await watchdogsOf(runDir)) await killAndWait(watchdog);
    await killAndWait(first);
    expect(isAlive(server)).toBe(true); // left behind: nobody will stop it

    const second = startOwner();
    process.env[OWNER_ENV] = String(second);
    const said: string[] = [];
    expect(adoptIfLeftBehind('test server', runDir, readPid(runDir)!, (line) => said.push(line))).toBe(true);
    expect(said).toEqual([
      `test server (pid ${server}) was left running by a start that died (pid ${first}); adopting it: it stops when this start stops`,
    ]);
    // Adopted by a live start: a third one leaves it alone.
    process.env[OWNER_ENV] = String(startOwner());
    expect(adoptIfLeftBehind('test server', runDir, server, () => undefined)).toBe(false);

    await killAndWait(second);
    expect(await goneWithin(server, 5_000)).toBe(true);
  });
});
