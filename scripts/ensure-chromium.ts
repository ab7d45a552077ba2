// Playwright drives Debian's Chromium (`npx playwright install` cannot download here). Installs the
// package when it is missing and we are root; otherwise says exactly what to run.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { runToEnd } from './lib/children';

export const CHROMIUM_PATH = process.env.TRUTHFLOW_CHROMIUM ?? '/usr/bin/chromium';

export async function ensureChromium(log: (line: string) => void = console.log): Promise<string> {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  if (process.getuid?.() !== 0) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}; install it with: sudo apt-get install -y chromium`);
  }
  log('installing Debian chromium for the browser tests (apt-get)');
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  if ((await runToEnd('apt-get', ['update', '-q'], env)) !== 0) throw new Error('apt-get update failed');
  if ((await runToEnd('apt-get', ['install', '-y', '-q', 'chromium'], env)) !== 0) throw new Error('apt-get install chromium failed');
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`apt-get installed chromium but ${CHROMIUM_PATH} is still missing`);
  return CHROMIUM_PATH;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(`chromium: ${await ensureChromium()}`);
}
