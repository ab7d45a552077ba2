import { hasEnvReference } from './env';
import { type PathSegment, formatPath } from './problems';
import type { TruthflowConfig } from './schema';

// The rule: secrets come from environment variables, never from the file, and never reach the
// browser. The first half is checked on the file as written (before substitution); the second is
// redactConfig, applied to anything the app serialises for a client.

type Tree = Record<string, unknown>;
const isTree = (v: unknown): v is Tree => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Secret fields written as literals instead of ${ENV} references (a `${X:-dev}` default is allowed). */
export function literalSecretProblems(raw: unknown): string[] {
  if (!isTree(raw)) return [];
  const problems: string[] = [];
  const check = (value: unknown, path: PathSegment[]) => {
    if (typeof value !== 'string' || value === '' || hasEnvReference(value)) return;
    problems.push(
      `${formatPath(path)}: expected a secret from an environment variable such as \${${envName(path)}}, found a literal value`,
    );
  };
  const sources = isTree(raw.sources) ? raw.sources : {};
  for (const [name, source] of Object.entries(sources)) {
    if (!isTree(source)) continue;
    if (typeof source.url === 'string' && !hasEnvReference(source.url) && /\/\/[^/@\s]*:[^/@\s]+@/.test(source.url)) {
      problems.push(
        `${formatPath(['sources', name, 'url'])}: expected the URL's password to come from an environment variable, found a literal password`,
      );
    }
    for (const part of ['sasl', 'auth'] as const) {
      const sub = source[part];
      if (!isTree(sub)) continue;
      check(sub.password, ['sources', name, part, 'password']);
      check(sub.apiKey, ['sources', name, part, 'apiKey']);
    }
  }
  if (isTree(raw.traces)) check(raw.traces.token, ['traces', 'token']);
  if (isTree(raw.auth)) {
    check(raw.auth.token, ['auth', 'token']);
    check(raw.auth.sessionSecret, ['auth', 'sessionSecret']);
    const keys = Array.isArray(raw.auth.sessionKeys) ? raw.auth.sessionKeys : [];
    keys.forEach((key, i) => isTree(key) && check(key.secret, ['auth', 'sessionKeys', i, 'secret']));
  }
  return problems;
}

function envName(path: PathSegment[]): string {
  return ['TRUTHFLOW', ...path.map(String)]
    .join('_')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

export const REDACTED = '[redacted]';
const SECRET_FIELDS = new Set(['password', 'apiKey', 'token', 'sessionSecret', 'passwordHash', 'secret']);

/** The config with every secret replaced by "[redacted]" and URLs stripped of credentials. */
export type RedactedConfig = TruthflowConfig;

/**
 * A copy safe to send to a browser: no passwords, keys, tokens, session secrets or password hashes;
 * URLs lose their user info and query (where drivers accept passwords); webhook URLs keep only their
 * origin because chat webhooks carry their token in the path.
 */
export function redactConfig(cfg: TruthflowConfig): RedactedConfig {
  const walk = (v: unknown, key: string, webhook: boolean): unknown => {
    if (Array.isArray(v)) return v.map((item) => walk(item, '', webhook));
    if (isTree(v)) {
      return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item, k, webhook || k === 'webhooks')]));
    }
    if (typeof v !== 'string') return v;
    if (SECRET_FIELDS.has(key)) return REDACTED;
    if (key === 'url' || key === 'otlpEndpoint') return redactUrl(v, webhook);
    return v;
  };
  return walk(cfg, '', false) as RedactedConfig;
}

export function redactUrl(raw: string, originOnly = false): string {
  try {
    const u = new URL(raw);
    if (originOnly) return `${u.protocol}//${u.host}/${REDACTED}`;
    if (!u.username && !u.password && !u.search && !u.hash) return raw;
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.toString();
  } catch {
    return REDACTED;
  }
}
