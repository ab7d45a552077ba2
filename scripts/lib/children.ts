// Child processes of the one-command scripts: prefixed output, and one place that stops them all
// so Ctrl-C leaves no process behind. Children stay in our process group: Ctrl-C in a terminal and
// a group kill (Playwright's webServer teardown) reach them too, even if this script dies first.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

const children: { name: string; proc: ChildProcess }[] = [];

export function run(name: string, command: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const proc = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => `[${name}] ${line}\n`)
      .join('');
  proc.stdout?.on('data', (chunk: Buffer) => process.stdout.write(prefix(chunk)));
  proc.stderr?.on('data', (chunk: Buffer) => process.stderr.write(prefix(chunk)));
  children.push({ name, proc });
  return proc;
}

function signal(proc: ChildProcess, name: NodeJS.Signals): void {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  proc.kill(name);
}

/** SIGTERM to every child, then SIGKILL to whatever is still there after `graceMs`. */
export async function stopAll(graceMs = 10_000): Promise<void> {
  const running = children.splice(0).reverse();
  for (const { proc } of running) signal(proc, 'SIGTERM');
  await Promise.all(
    running.map(
      ({ proc }) =>
        new Promise<void>((resolve) => {
          if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
          const timer = setTimeout(() => {
            signal(proc, 'SIGKILL');
            resolve();
          }, graceMs);
          proc.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
        }),
    ),
  );
}

/** Runs a command to completion with inherited output; resolves with its exit code. */
/** `logFile`: write the output there instead of this terminal (a step running beside others). */
export function runToEnd(command: string, args: string[], env: Record<string, string> = {}, logFile?: string): Promise<number> {
  return new Promise((resolve) => {
    const out = logFile === undefined ? undefined : openSync(logFile, 'w');
    const stdio: StdioOptions = out === undefined ? 'inherit' : ['ignore', out, out];
    const proc = spawn(command, args, { env: { ...process.env, ...env }, stdio });
    if (out !== undefined) closeSync(out);
    proc.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    proc.once('error', () => resolve(127));
  });
}
