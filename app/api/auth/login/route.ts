// POST /api/auth/login — form or JSON { user, password } (or { token }); sets the session cookie.
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { sameSecret } from '@/lib/auth/guard';
import { verifyPassword } from '@/lib/auth/password';
import { createSessionValue, SESSION_COOKIE, SESSION_HOURS, type Role } from '@/lib/auth/session';
import { fail } from '@/lib/http/response';
import { serverConfig } from '@/lib/server-config';

const credentials = z.union([
  z.object({ user: z.string().min(1).max(200), password: z.string().min(1).max(1000), next: z.string().optional() }),
  z.object({ token: z.string().min(1).max(1000), next: z.string().optional() }),
]);

/**
 * A relative redirect: behind a proxy or with `-H 127.0.0.1`, request.url may name another host
 * than the browser used, and the form-action CSP (and the cookie's host) would then not match.
 */
function seeOther(path: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { Location: path } });
}

/** Only same-site paths: a login link must not bounce the user to another site. */
function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

async function checkCredentials(body: z.infer<typeof credentials>): Promise<{ user: string; role: Role } | null> {
  const auth = serverConfig().auth;
  if (!auth) return { user: 'anonymous', role: 'admin' };
  if ('token' in body) return auth.token && sameSecret(body.token, auth.token) ? { user: 'token', role: 'admin' } : null;
  const user = auth.users.find((u) => u.name === body.user);
  // Verify against a dummy hash for unknown users too, so timing does not reveal who exists.
  const ok = await verifyPassword(body.password, user?.passwordHash ?? 'scrypt$16384$8$1$AAAA$AAAA');
  return ok && user ? { user: user.name, role: user.role } : null;
}

export async function POST(request: Request) {
  // 1. parse: a browser form posts urlencoded; scripts post JSON.
  const isForm = (request.headers.get('content-type') ?? '').includes('form');
  const raw = isForm ? Object.fromEntries((await request.formData()).entries()) : await request.json().catch(() => null);
  const parsed = credentials.safeParse(raw);
  if (!parsed.success) return fail('bad_request', 'send user and password, or token');
  // 2. auth: this is the auth step. 3. query:
  const caller = await checkCredentials(parsed.data);
  const auth = serverConfig().auth;
  if (!caller || !auth) {
    if (isForm) return seeOther(`/login?error=1&next=${encodeURIComponent(safeNext(parsed.data.next))}`);
    return fail('unauthorized', 'wrong user, password or token');
  }
  // 4. respond:
  const response = isForm ? seeOther(safeNext(parsed.data.next)) : NextResponse.json({ user: caller.user, role: caller.role });
  response.cookies.set(SESSION_COOKIE, createSessionValue(auth, caller.user, caller.role), {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.headers.get('x-forwarded-proto') === 'https' || new URL(request.url).protocol === 'https:',
    path: '/',
    maxAge: SESSION_HOURS * 3600,
  });
  return response;
}
