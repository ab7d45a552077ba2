// Open is a decision, never a default. Without an `auth` section the dashboard may only listen on
// loopback; a non-loopback HOST needs an `auth` section (users, a token, or `anonymous: viewer`
// written out). The same rule decides when the OTLP receiver needs a token: whenever auth is on or
// the host is not loopback, since spans written first win and a forged one would hide the real one.
import type { TruthflowConfig } from '../config';

/** What `npm start` binds to when HOST is not set. */
export const DEFAULT_HOST = '127.0.0.1';

/** The host the dashboard was told to listen on (npm start passes HOST on to `next start -H`). */
export function boundHost(env: NodeJS.ProcessEnv = process.env): string {
  return env.HOST?.trim() || DEFAULT_HOST;
}

const LOOPBACK_NAMES = new Set(['localhost', '::1', '[::1]']);

export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase();
  return LOOPBACK_NAMES.has(h) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h.endsWith('.localhost');
}

/** Listening on every interface: the clients' names for us are not known in advance. */
export function isWildcard(host: string): boolean {
  return ['0.0.0.0', '::', '[::]', '*'].includes(host.trim());
}

/** Why the dashboard must not start as configured, naming the fix; undefined when it may. */
export function exposureProblem(config: Pick<TruthflowConfig, 'auth'>, host: string): string | undefined {
  if (config.auth || isLoopback(host)) return undefined;
  return [
    `HOST=${host} would serve the dashboard beyond this machine, but truthflow.yaml has no auth section,`,
    'so anyone who reaches it could peek at dead letters and flip switches. Either:',
    '  - add an auth section with users or a token (see docs/security.md), or',
    '  - write `auth: { anonymous: viewer }` to let anyone read without logging in (no one is admin), or',
    `  - leave HOST unset to listen on ${DEFAULT_HOST} only.`,
  ].join('\n');
}

/** The OTLP receiver refuses unauthenticated exports whenever auth is on or the host is not loopback. */
export function tracesTokenRequired(config: Pick<TruthflowConfig, 'auth'>, host: string): boolean {
  return config.auth !== undefined || !isLoopback(host);
}

/** Tokens an exporter may present: the traces token, else the API token. */
export function tracesTokens(config: Pick<TruthflowConfig, 'auth' | 'traces'>): string[] {
  return [config.traces.token, config.auth?.token].filter((t): t is string => t !== undefined);
}
