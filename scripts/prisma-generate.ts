// `prisma generate` runs on WASM and needs no engine binary, but the CLI still tries to download
// the native schema engine unless told where one is. Point it at a stub that explains itself, so
// nothing is fetched from outside the npm registry.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const stub = path.resolve('scripts/lib/no-schema-engine');
const result = spawnSync('npx', ['prisma', 'generate'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? stub,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
});
process.exit(result.status ?? 1);
