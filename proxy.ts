// The proxy (Next.js 16 "proxy", Node runtime) in front of every page and API:
//   1. refuse to serve at all when HOST is not loopback and there is no auth section (npm start
//      refuses to start then; this covers a `next start -H` run by hand with HOST set);
//   2. refuse a Host we do not answer to (DNS rebinding) and a cross-site state-changing request;
//   3. when the config has an `auth` section, the login wall: pages redirect to /login, APIs answer
//      401. The health check, the login page and static assets stay open; the OTLP receiver is not
//      matched at all (it checks its own token and its bodies must not be buffered here);
//   4. renew a session cookie in use, so only an idle one expires (lib/auth/session.ts);
//   5. a Content-Security-Policy with a fresh nonce on every page and API (lib/http/csp.ts).
import { NextResponse, type NextRequest } from 'next/server';
import { boundHost, exposureProblem } from '@/lib/auth/exposure';
import { callerOf, sessionOf } from '@/lib/auth/guard';
import { isHttps, needsRenewal, renewSessionValue, sessionCookie } from '@/lib/auth/session';
import { contentSecurityPolicy, newNonce } from '@/lib/http/csp';
import { hostProblem, originProblem } from '@/lib/http/host-guard';
import { serverConfig } from '@/lib/server-config';

const PUBLIC_PATHS = [/^\/api\/health$/, /^\/v1\/traces$/, /^\/v1\/metrics$/, /^\/login$/, /^\/api\/auth\/(login|logout)$/];

const refuse = (status: number, code: string, message: string) => NextResponse.json({ error: { code, message } }, { status });

/** Lets the request through with a nonce'd CSP, which Next.js reads from the request to mark its scripts. */
function pass(request: NextRequest): NextResponse {
  const policy = contentSecurityPolicy(newNonce());
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export function proxy(request: NextRequest) {
  const config = serverConfig();
  const exposed = exposureProblem(config, boundHost());
  if (exposed) return refuse(503, 'unavailable', exposed);
  const problem = hostProblem(request, config) ?? originProblem(request);
  if (problem) return refuse(403, 'forbidden', problem);
  const { pathname, search } = request.nextUrl;
  const auth = config.auth;
  if (!auth) return pass(request);
  const caller = callerOf(request);
  if (caller || PUBLIC_PATHS.some((p) => p.test(pathname))) {
    const response = pass(request);
    const session = caller ? sessionOf(request, auth) : null;
    if (session && needsRenewal(auth, session)) {
      const cookie = sessionCookie(request, auth);
      response.cookies.set(cookie.name, renewSessionValue(auth, session), cookie.options);
    }
    return response;
  }
  if (pathname.startsWith('/api/') || pathname === '/metrics') {
    return refuse(401, 'unauthorized', 'log in first, or send the API token as a Bearer token');
  }
  // Built from the Host header (checked above): request.url's host may not be the one the browser
  // used, and the session cookie is set for the browser's host.
  const origin = `${isHttps(request) ? 'https' : 'http'}://${request.headers.get('host') ?? request.nextUrl.host}`;
  return NextResponse.redirect(new URL(`/login?next=${encodeURIComponent(`${pathname}${search}`)}`, origin));
}

export const config = {
  // Everything except Next's static files and the OTLP receiver (/v1/*), which checks its own token
  // and must not have its (possibly large) bodies buffered by the proxy.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|v1/).*)'],
};
