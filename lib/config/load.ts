import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { TruthflowError } from '../errors';
import { type Env, substituteEnv } from './env';
import { zodProblems } from './problems';
import { referenceProblems } from './refs';
import { retentionProblems } from './schema-retention';
import { configSchema, type TruthflowConfig } from './schema';
import { literalSecretProblems } from './secrets';

export const CONFIG_ENV = 'TRUTHFLOW_CONFIG';
export const DEFAULT_CONFIG_FILE = 'truthflow.yaml';

/** A configuration that cannot be used; `problems` lists every problem found, one line each. */
export class ConfigError extends TruthflowError {
  readonly problems: string[];
  readonly path: string;

  constructor(file: string, problems: string[], message?: string) {
    const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
    super('config', message ?? `config file ${file}: ${count}\n${problems.join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
    this.path = file;
  }
}

/** Parse the text of a truthflow.yaml; `file` only labels the problems. Throws ConfigError. */
export function parseConfig(text: string, env: Env = process.env, file = DEFAULT_CONFIG_FILE): TruthflowConfig {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length) {
    const problems = doc.errors.map((e) => {
      const at = e.linePos?.[0];
      const what = e.message.split(/ at line \d+|\n/)[0];
      return at ? `line ${at.line}, column ${at.col}: ${what}` : what!;
    });
    throw new ConfigError(file, problems);
  }
  // The alias cap keeps a "billion laughs" file from expanding without bound.
  const raw: unknown = doc.toJS({ maxAliasCount: 100 }) ?? {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(file, [`(top level): expected an object of sections (sources, features, …), found ${JSON.stringify(raw)}`]);
  }

  const substituted = substituteEnv(raw, env);
  const parsed = configSchema.safeParse(substituted.value, { reportInput: true });
  const schemaProblems = parsed.success ? [] : zodProblems(parsed.error.issues);
  const problems = [
    ...literalSecretProblems(raw),
    ...substituted.problems,
    // A variable that failed to substitute would also fail the schema; say it once.
    ...schemaProblems.filter((p) => ![...substituted.failedPaths].some((f) => new RegExp(`^${escape(f)}[:.[]`).test(p))),
    ...referenceProblems(substituted.value),
    ...(parsed.success ? retentionProblems(parsed.data) : []),
  ];
  if (problems.length || !parsed.success) throw new ConfigError(file, unique(problems));
  return parsed.data;
}

/** TRUTHFLOW_CONFIG, or ./truthflow.yaml, as an absolute path. */
export function configPath(env: Env = process.env): string {
  // turbopackIgnore: the file is chosen at run time; the build must not trace the whole project.
  return path.resolve(/*turbopackIgnore: true*/ env[CONFIG_ENV] || DEFAULT_CONFIG_FILE);
}

/** Read and parse the config file. Throws ConfigError (including for a missing file). */
export function loadConfig(file?: string, env: Env = process.env): TruthflowConfig {
  const resolved = path.resolve(/*turbopackIgnore: true*/ file ?? configPath(env));
  let text: string;
  try {
    text = readFileSync(/*turbopackIgnore: true*/ resolved, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT'
        ? `config file ${resolved}: not found (set ${CONFIG_ENV} or create it)`
        : `config file ${resolved}: could not be read (${code ?? String(error)})`;
    throw new ConfigError(resolved, [problem], problem);
  }
  return parseConfig(text, env, resolved);
}

/**
 * For process entry points: load the config or print every problem and exit with status 2, so a bad
 * config fails at start rather than at the first scrape.
 */
export function loadConfigOrExit(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): TruthflowConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const line of error.message.split('\n')) log(line);
    process.exit(2);
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const unique = (lines: string[]) => [...new Set(lines)];
