// The Next.js production build the one-command scripts share, redone only when its inputs changed.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { runToEnd } from './children';

const BUILD_INPUTS = ['app', 'components', 'lib', 'next.config.js', 'package-lock.json', 'tsconfig.json'];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce(
    (newest, child) => (child.startsWith('.') ? newest : Math.max(newest, newestMtime(path.join(entry, child)))),
    stat.mtimeMs,
  );
}

export async function ensureNextBuild(log: (line: string) => void): Promise<void> {
  const buildId = path.join(process.env.NEXT_DIST_DIR ?? '.next', 'BUILD_ID');
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  if (builtAt > 0 && builtAt >= Math.max(...BUILD_INPUTS.map(newestMtime))) return;
  log('building the dashboard (next build); this takes a minute or two the first time');
  if ((await runToEnd('npx', ['next', 'build'], { NEXT_TELEMETRY_DISABLED: '1' })) !== 0) {
    throw new Error('next build failed; see the output above');
  }
}
