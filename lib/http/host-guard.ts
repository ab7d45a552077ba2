// Two checks every request passes before anything else (route wrapper and proxy):
//   - Host: only names this dashboard answers to. A page on evil.example that re-points its own DNS
//     name at 127.0.0.1 (DNS rebinding) reaches a local dashboard with `Host: evil.example`; a
//     loopback-only instance has no login to stop it, so the Host header must.
//   - Origin: a state-changing request (anything but GET/HEAD/OPTIONS) sent by a browser must come
//     from our own origin. Browsers send Origin on every cross-site POST, `no-cors` ones included,
//     and Sec-Fetch-Site where Origin is missing; scripts (curl, exporters) send neither and pass.
import type { TruthflowConfig } from '../config';
import { boundHost, isLoopback, isWildcard } from '../auth/exposure';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** The host part of a Host header or URL host, lower-cased and without the port; null when unreadable. */
export function hostnameOf(hostHeader: string): string | null {
  try {
    const url = new URL(`http://${hostHeader}`);
    return url.username || url.password || url.pathname !== '/' ? null : url.hostname.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * The names allowed, or 'any'. Default: the loopback names and the bound host. With a wildcard
 * bind and auth on, and no `allowedHosts`, any name is accepted: rebinding gains nothing there,
 * since the browser sends the attacker's site no session cookie of ours.
 */
export function allowedHosts(config: Pick<TruthflowConfig, 'auth' | 'allowedHosts'>, host = boundHost()): Set<string> | 'any' {
  if (config.allowedHosts) return new Set([...LOOPBACK_HOSTS, ...config.allowedHosts.map((h) => hostnameOf(h) ?? h.toLowerCase())]);
  if (isWildcard(host)) return config.auth ? 'any' : new Set(LOOPBACK_HOSTS);
  const bound = hostnameOf(host);
  return new Set([...LOOPBACK_HOSTS, ...(bound && !isLoopback(bound) ? [bound] : [])]);
}

export function hostProblem(request: Request, config: Pick<TruthflowConfig, 'auth' | 'allowedHosts'>): string | undefined {
  const allowed = allowedHosts(config);
  if (allowed === 'any') return undefined;
  const header = request.headers.get('host') ?? new URL(request.url).host;
  const name = hostnameOf(header);
  if (name && allowed.has(name)) return undefined;
  return `this dashboard does not answer to the host name ${JSON.stringify(header.slice(0, 100))}; add it to allowedHosts in truthflow.yaml if it is yours`;
}

export function originProblem(request: Request): string | undefined {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return undefined;
  const origin = request.headers.get('origin');
  const site = request.headers.get('sec-fetch-site');
  if (origin === null)
    return site === null || site === 'same-origin' || site === 'none' ? undefined : `cross-site ${request.method} refused`;
  // A browser says `Origin: null` for our own login form under a strict Referrer-Policy (and for
  // sandboxed frames): only its Sec-Fetch-Site can then tell our page from another site's.
  if (origin === 'null') return site === 'same-origin' ? undefined : `cross-site ${request.method} refused (Origin "null")`;
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return `cross-site ${request.method} refused (Origin ${JSON.stringify(origin.slice(0, 100))})`;
  }
  // A proxy in front may rewrite Host; a browser cannot set X-Forwarded-Host cross-site without a preflight.
  const ours = [request.headers.get('host'), request.headers.get('x-forwarded-host'), new URL(request.url).host];
  if (ours.some((h) => h !== null && h.toLowerCase() === originHost)) return undefined;
  return `cross-site ${request.method} refused: Origin ${JSON.stringify(origin.slice(0, 100))} is not this dashboard`;
}
