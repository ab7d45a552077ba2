// Proves the layer rule in eslint.config.js bites: probe files that break it are written into the
// real tree, linted with the project's own config, and removed. A config that silently stopped
// matching (a renamed plugin, a path typo) would let every probe through and fail this test.
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const tag = randomBytes(4).toString('hex');
const written: string[] = [];
const eslint = new ESLint({ cwd: root });

function probe(folder: string, body: string, name = `lint-probe-${tag}`): string {
  const file = path.join(root, folder, `${name}.ts`);
  writeFileSync(file, `// lint probe, removed by the test\n${body}\n`);
  written.push(file);
  return file;
}

async function rulesBroken(file: string): Promise<string[]> {
  const [result] = await eslint.lintFiles([file]);
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

afterAll(() => {
  for (const file of written) rmSync(file, { force: true });
});

describe('layer boundaries', { timeout: 120_000 }, () => {
  it.each([
    ['lib', "import { registeredCollectors } from '@/collectors/registry';\nexport const x = registeredCollectors;"],
    ['lib', "import { startShop } from '@/demo/shop';\nexport const x = startShop;"],
    ['lib', "import { startKafka } from '@/scripts/kafka';\nexport const x = startKafka;"],
    ['lib', "import { GET } from '@/app/api/health/route';\nexport const x = GET;"],
    ['lib', "import { createScratchDatabase } from '@/e2e/fixtures/scratch-db';\nexport const x = createScratchDatabase;"],
    ['components', "import { registeredCollectors } from '@/collectors/registry';\nexport const x = registeredCollectors;"],
    ['collectors', "import { startKafka } from '@/scripts/kafka';\nexport const x = startKafka;"],
    ['app', "import { startShop } from '@/demo/shop';\nexport const x = startShop;"],
    ['demo', "import { startKafka } from '@/scripts/kafka';\nexport const x = startKafka;"],
  ])('%s/ importing upwards fails: %s', async (folder, body) => {
    expect(await rulesBroken(probe(folder, body, `lint-probe-${tag}-${written.length}`))).toContain('import-x/no-restricted-paths');
  });

  it('an import down into lib/ passes', async () => {
    expect(
      await rulesBroken(
        probe('collectors', "import { ERROR_KINDS } from '@/lib/errors';\nexport const x = ERROR_KINDS;", `lint-probe-${tag}-ok`),
      ),
    ).toEqual([]);
  });

  it('an import cycle fails', async () => {
    const a = probe('lib', `import { b } from './lint-probe-${tag}-b';\nexport const a = () => b;`, `lint-probe-${tag}-a`);
    probe('lib', `import { a } from './lint-probe-${tag}-a';\nexport const b = () => a;`, `lint-probe-${tag}-b`);
    expect(await rulesBroken(a)).toContain('import-x/no-cycle');
  });

  it('a floating promise fails', async () => {
    const file = probe(
      'lib',
      'async function later(): Promise<void> {}\nexport function now(): void {\n  later();\n}',
      `lint-probe-${tag}-float`,
    );
    expect(await rulesBroken(file)).toContain('@typescript-eslint/no-floating-promises');
  });
});
