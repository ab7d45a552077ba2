// Step 2 of every route handler: who is asking, and may they?
//   - No `auth` section: the dashboard only runs on loopback (lib/auth/exposure.ts refuses anything
//     else at start, lib/http/host-guard.ts refuses foreign Host and Origin headers), and the one
//     local user is its admin.
//   - An `auth` section: a session cookie, or the API bearer token; a session's role is read from
//     the config on every request, so a removed user is out and a demoted one is a viewer at once.
//     Without credentials a caller is refused, or is a viewer when `anonymous: viewer` says so —
//     never an admin.
import { timingSafeEqual } from 'node:crypto';
import type { NextResponse } from 'next/server';
import type { AuthConfig } from '../config';
import { fail } from '../http/response';
import { serverConfig } from '../server-config';
import { readSessionValue, SECURE_SESSION_COOKIE, SESSION_COOKIE, isHttps, TOKEN_USER, type Role, type Session } from './session';

export interface Caller {
  user: string;
  role: Role;
}

export type Authorization = { ok: true; caller: Caller } | { ok: false; response: NextResponse };

const RANK: Record<Role, number> = { viewer: 0, admin: 1 };
const LOCAL_CALLER: Caller = { user: 'local', role: 'admin' };
const ANONYMOUS_VIEWER: Caller = { user: 'anonymous', role: 'viewer' };

function cookieOf(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie') ?? '';
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function sameSecret(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The valid session this request carries (over https only the `__Host-` cookie counts). */
export function sessionOf(request: Request, auth: AuthConfig, now = Date.now()): Session | null {
  return readSessionValue(auth, cookieOf(request, isHttps(request) ? SECURE_SESSION_COOKIE : SESSION_COOKIE), now);
}

/** The role a session has now, by the config; null when its user is gone. */
export function roleOfSession(auth: AuthConfig, session: Session): Role | null {
  if (session.user === TOKEN_USER) return auth.token ? 'admin' : null;
  return auth.users.find((u) => u.name === session.user)?.role ?? null;
}

/** Who the request comes from, or null when auth is configured and nothing valid was presented. */
export function callerOf(request: Request): Caller | null {
  const auth = serverConfig().auth;
  if (!auth) return LOCAL_CALLER;
  const bearer = request.headers.get('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (bearer && auth.token && sameSecret(bearer, auth.token)) return { user: 'api-token', role: 'admin' };
  const session = sessionOf(request, auth);
  const role = session ? roleOfSession(auth, session) : null;
  if (session && role) return { user: session.user === TOKEN_USER ? 'token' : session.user, role };
  return auth.anonymous === 'viewer' ? ANONYMOUS_VIEWER : null;
}

/** True for a caller who is only there by `anonymous: viewer` (told less, e.g. by /api/health). */
export const isAnonymous = (caller: Caller | null): boolean => caller === null || caller === ANONYMOUS_VIEWER;

export function authorize(request: Request, needed: Role = 'viewer'): Authorization {
  const caller = callerOf(request);
  if (!caller) return { ok: false, response: fail('unauthorized', 'log in first, or send the API token as a Bearer token') };
  if (RANK[caller.role] < RANK[needed]) {
    const hint = caller === ANONYMOUS_VIEWER ? ' (not logged in: log in as an admin)' : '';
    return { ok: false, response: fail('forbidden', `this needs the ${needed} role; you are ${caller.role}${hint}`) };
  }
  return { ok: true, caller };
}
