import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, configPath, loadConfig, loadConfigOrExit, parseConfig } from './index';

const dir = mkdtempSync(path.join(tmpdir(), 'truthflow-config-'));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};
const root = path.resolve(import.meta.dirname, '../..');

function caught(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('loading the file', () => {
  it('reports YAML syntax errors with line and column', () => {
    const error = caught(() => parseConfig('sources:\n  db: { kind: postgres\nfeatures: [\n', {}, 'broken.yaml'));
    expect(error.problems[0]).toMatch(/^line \d+, column \d+: /);
    expect(error.message.split('\n')[0]).toMatch(/^config file broken.yaml: \d+ problems?$/);
    expect(caught(() => parseConfig('a: 1\na: 2\n', {})).problems).toEqual(['line 2, column 1: Map keys must be unique']);
  });

  it('rejects a file that is not a mapping of sections', () => {
    expect(caught(() => parseConfig('- a\n- b\n', {})).problems[0]).toMatch(/^\(top level\): expected an object of sections/);
  });

  it('treats an empty file as an empty (valid) configuration', () => {
    expect(parseConfig('', {}).features).toEqual([]);
  });

  it('says where it looked when the file is missing', () => {
    const missing = path.join(dir, 'nope.yaml');
    const error = caught(() => loadConfig(missing, {}));
    expect(error.message).toBe(`config file ${missing}: not found (set TRUTHFLOW_CONFIG or create it)`);
    expect(error.path).toBe(missing);
    expect(error.kind).toBe('config');
  });

  it('finds the file through TRUTHFLOW_CONFIG, else ./truthflow.yaml', () => {
    const file = write('custom.yaml', 'features: []\n');
    expect(configPath({ TRUTHFLOW_CONFIG: file })).toBe(file);
    expect(configPath({})).toBe(path.resolve('truthflow.yaml'));
    expect(loadConfig(undefined, { TRUTHFLOW_CONFIG: file }).features).toEqual([]);
  });

  it('loadConfigOrExit prints every problem and exits with 2', () => {
    vi.stubEnv('TRUTHFLOW_CONFIG', write('bad.yaml', 'features: [{ name: x, tier: 9 }]\n'));
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => {
      throw new Error('exit');
    });
    const lines: string[] = [];
    expect(() => loadConfigOrExit((line) => lines.push(line))).toThrow('exit');
    expect(exit).toHaveBeenCalledWith(2);
    expect(lines).toContain('features[0].tier: expected one of 0, 1, 2, found 9');
    expect(lines).toContain('features[0].owner: expected a string, found nothing');
  });
});

describe('check CLI', () => {
  const run = (file: string) => {
    try {
      return {
        code: 0,
        out: execFileSync(process.execPath, ['--import', 'tsx', 'lib/config/check.ts', file], {
          cwd: root,
          encoding: 'utf8',
          stdio: 'pipe',
        }),
      };
    } catch (error) {
      const e = error as { status: number; stderr: string };
      return { code: e.status, out: e.stderr };
    }
  };

  it('prints a summary for a good file and the problems (exit 2) for a bad one', () => {
    expect(run('truthflow.yaml')).toEqual({ code: 0, out: 'config OK: 4 sources, 5 features\n' });
    const bad = run(write('cli-bad.yaml', 'sources: { db: { kind: mysql } }\n'));
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('sources.db.kind: expected one of postgres, kafka, opensearch, elasticsearch, redis, found "mysql"');
  }, 20_000);
});
