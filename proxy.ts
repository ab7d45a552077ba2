// Login wall (Next.js 16 "proxy", Node runtime). Only active when the config has an `auth` section:
// pages redirect to /login, APIs answer 401. The health check and the OTLP receiver stay open
// (the receiver has its own token), and so do the login page and static assets.
import { NextResponse, type NextRequest } from 'next/server';
import { callerOf } from '@/lib/auth/guard';
import { serverConfig } from '@/lib/server-config';

const PUBLIC_PATHS = [/^\/api\/health$/, /^\/v1\/traces$/, /^\/v1\/metrics$/, /^\/login$/, /^\/api\/auth\/(login|logout)$/];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (!serverConfig().auth || PUBLIC_PATHS.some((p) => p.test(pathname))) return NextResponse.next();
  if (callerOf(request)) return NextResponse.next();
  if (pathname.startsWith('/api/') || pathname === '/metrics') {
    return NextResponse.json(
      { error: { code: 'unauthorized', message: 'log in first, or send the API token as a Bearer token' } },
      { status: 401 },
    );
  }
  // Built from the Host header: request.url's host may not be the one the browser used, and the
  // session cookie is set for the browser's host.
  const origin = `${request.headers.get('x-forwarded-proto') ?? request.nextUrl.protocol.replace(':', '')}://${request.headers.get('host') ?? request.nextUrl.host}`;
  return NextResponse.redirect(new URL(`/login?next=${encodeURIComponent(`${pathname}${search}`)}`, origin));
}

export const config = {
  // Everything except Next's static files and the OTLP receiver (/v1/*), which checks its own token
  // and must not have its (possibly large) bodies buffered by the proxy.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|v1/).*)'],
};
