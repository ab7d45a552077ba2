// Step 2 of every route handler: who is asking, and may they? With no `auth` section in the config
// everyone is an admin (a local tool); with one, a session cookie or the API bearer token is required.
import { timingSafeEqual } from 'node:crypto';
import type { NextResponse } from 'next/server';
import { fail } from '../http/response';
import { serverConfig } from '../server-config';
import { readSessionValue, SESSION_COOKIE, type Role } from './session';

export interface Caller {
  user: string;
  role: Role;
}

export type Authorization = { ok: true; caller: Caller } | { ok: false; response: NextResponse };

const RANK: Record<Role, number> = { viewer: 0, admin: 1 };

function cookieOf(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie') ?? '';
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

export function sameSecret(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Who the request comes from, or null when auth is configured and nothing valid was presented. */
export function callerOf(request: Request): Caller | null {
  const auth = serverConfig().auth;
  if (!auth) return { user: 'anonymous', role: 'admin' };
  const bearer = request.headers.get('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (bearer && auth.token && sameSecret(bearer, auth.token)) return { user: 'api-token', role: 'admin' };
  const session = readSessionValue(auth, cookieOf(request, SESSION_COOKIE));
  return session ? { user: session.user, role: session.role } : null;
}

export function authorize(request: Request, needed: Role = 'viewer'): Authorization {
  const caller = callerOf(request);
  if (!caller) return { ok: false, response: fail('unauthorized', 'log in first, or send the API token as a Bearer token') };
  if (RANK[caller.role] < RANK[needed])
    return { ok: false, response: fail('forbidden', `this needs the ${needed} role; you are ${caller.role}`) };
  return { ok: true, caller };
}
