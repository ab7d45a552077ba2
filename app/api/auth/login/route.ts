// POST /api/auth/login — form or JSON { user, password } (or { token }); sets the session cookie.
// Through the route wrapper (public, body checked by credentialsSchema) with its own answer: a
// browser form gets 303 redirects, a script gets JSON checked against loginAnswerSchema.
import { NextResponse } from 'next/server';
import { checkCredentials, credentialsSchema, loginAnswerSchema, safeNext } from '@/lib/auth/login';
import { createSessionValue, SESSION_COOKIE, SESSION_HOURS } from '@/lib/auth/session';
import { fail } from '@/lib/http/response';
import { route } from '@/lib/http/route';
import { serverConfig } from '@/lib/server-config';

/**
 * A relative redirect: behind a proxy or with `-H 127.0.0.1`, request.url may name another host
 * than the browser used, and the form-action CSP (and the cookie's host) would then not match.
 */
function seeOther(path: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { Location: path } });
}

const isForm = (request: Request) => (request.headers.get('content-type') ?? '').includes('form');

export const POST = route({
  role: 'public',
  body: credentialsSchema,
  response: loginAnswerSchema,
  // Without an auth section there is nothing to log in to: every caller is already an admin.
  load: async ({ body }) => {
    const auth = serverConfig().auth;
    return auth ? checkCredentials(auth, body) : null;
  },
  respond: (caller, { body, request, json }) => {
    const auth = serverConfig().auth;
    if (!caller || !auth) {
      if (isForm(request)) return seeOther(`/login?error=1&next=${encodeURIComponent(safeNext(body.next))}`);
      return fail('unauthorized', 'wrong user, password or token');
    }
    const response = isForm(request) ? seeOther(safeNext(body.next)) : json({ user: caller.user, role: caller.role });
    response.cookies.set(SESSION_COOKIE, createSessionValue(auth, caller.user, caller.role), {
      httpOnly: true,
      sameSite: 'lax',
      secure: request.headers.get('x-forwarded-proto') === 'https' || new URL(request.url).protocol === 'https:',
      path: '/',
      maxAge: SESSION_HOURS * 3600,
    });
    return response;
  },
});
