// POST /api/auth/login — form or JSON { user, password } (or { token }); sets the session cookie.
// Through the route wrapper (public, body checked by credentialsSchema) with its own answer: a
// browser form gets 303 redirects, a script gets JSON checked against loginAnswerSchema. Attempts
// are throttled per account, per address and overall (lib/auth/throttle.ts): a refused attempt is
// a 429 with Retry-After and costs no password check. Failures are logged, never the password.
import { NextResponse } from 'next/server';
import { checkCredentials, credentialsSchema, loginAnswerSchema, safeNext } from '@/lib/auth/login';
import { createSessionValue, sessionCookie, TOKEN_USER } from '@/lib/auth/session';
import { addressOf, loginThrottle } from '@/lib/auth/throttle';
import { fail, tooMany } from '@/lib/http/response';
import { route } from '@/lib/http/route';
import { createLogger } from '@/lib/log';
import { serverConfig } from '@/lib/server-config';

const log = createLogger('auth');

/**
 * A relative redirect: behind a proxy or with `-H 127.0.0.1`, request.url may name another host
 * than the browser used, and the form-action CSP (and the cookie's host) would then not match.
 */
function seeOther(path: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { Location: path } });
}

const isForm = (request: Request) => (request.headers.get('content-type') ?? '').includes('form');

type Outcome =
  | { kind: 'ok'; user: string; role: 'viewer' | 'admin' }
  | { kind: 'wrong' }
  | { kind: 'limited'; retryAfterSeconds: number; reason: string };

export const POST = route({
  role: 'public',
  body: credentialsSchema,
  response: loginAnswerSchema,
  load: async ({ body, request }): Promise<Outcome> => {
    const auth = serverConfig().auth;
    // Without an auth section there is nothing to log in to (the local user is already the admin).
    if (!auth) return { kind: 'wrong' };
    const throttle = loginThrottle();
    const account = 'token' in body ? TOKEN_USER : body.user;
    const address = addressOf(request);
    const refusal = throttle.refusal(account, address);
    if (refusal) {
      log.warn({ user: account, address, reason: refusal.reason }, 'login refused by the throttle');
      return { kind: 'limited', ...refusal };
    }
    const checked = await throttle.bounded(async () => ({ caller: await checkCredentials(auth, body) }));
    if (checked === null) return { kind: 'limited', retryAfterSeconds: 1, reason: 'too many logins at once' };
    if (!checked.caller) {
      throttle.recordFailure(account, address);
      log.warn({ user: account, address }, 'failed login');
      return { kind: 'wrong' };
    }
    throttle.recordSuccess(account);
    return { kind: 'ok', ...checked.caller };
  },
  respond: (outcome, { body, request, json }) => {
    const auth = serverConfig().auth;
    if (outcome.kind === 'limited')
      return tooMany(`${outcome.reason}; try again in ${outcome.retryAfterSeconds} s`, outcome.retryAfterSeconds);
    if (outcome.kind === 'wrong' || !auth) {
      if (isForm(request)) return seeOther(`/login?error=1&next=${encodeURIComponent(safeNext(body.next))}`);
      return fail('unauthorized', 'wrong user, password or token');
    }
    const shownUser = outcome.user === TOKEN_USER ? 'token' : outcome.user;
    const response = isForm(request) ? seeOther(safeNext(body.next)) : json({ user: shownUser, role: outcome.role });
    const cookie = sessionCookie(request, auth);
    response.cookies.set(cookie.name, createSessionValue(auth, outcome.user), cookie.options);
    return response;
  },
});
