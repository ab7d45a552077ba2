// Servers the tests need that Debian packages (Chromium, Alertmanager): installed with apt-get
// when missing and we are root, as on CI; otherwise an error that says exactly what to run.
import { existsSync } from 'node:fs';
import { runToEnd } from './children';

export async function ensureDebianPackage(binary: string, pkg: string, log: (line: string) => void = console.log): Promise<string> {
  if (existsSync(binary)) return binary;
  if (process.getuid?.() !== 0) throw new Error(`${binary} not found; install it with: sudo apt-get install -y ${pkg}`);
  log(`installing Debian ${pkg} (apt-get)`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  if ((await runToEnd('apt-get', ['update', '-q'], env)) !== 0) throw new Error('apt-get update failed');
  if ((await runToEnd('apt-get', ['install', '-y', '-q', '--no-install-recommends', pkg], env)) !== 0) {
    throw new Error(`apt-get install ${pkg} failed`);
  }
  if (!existsSync(binary)) throw new Error(`apt-get installed ${pkg} but ${binary} is still missing`);
  return binary;
}
