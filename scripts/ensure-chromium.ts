// Playwright drives Debian's Chromium (`npx playwright install` cannot download here). Installs the
// package when it is missing and we are root; otherwise says exactly what to run.
import { pathToFileURL } from 'node:url';
import { ensureDebianPackage } from './lib/debian';

export const CHROMIUM_PATH = process.env.TRUTHFLOW_CHROMIUM ?? '/usr/bin/chromium';

export async function ensureChromium(log: (line: string) => void = console.log): Promise<string> {
  return ensureDebianPackage(CHROMIUM_PATH, 'chromium', log);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(`chromium: ${await ensureChromium()}`);
}
