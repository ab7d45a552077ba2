// POST /api/auth/logout — clears the session cookie. Through the route wrapper (public: logging
// out needs no valid session) with a redirect as its answer. The cookie is stateless, so logging
// out ends it in this browser only; a stolen copy lasts until its idle or absolute timeout.
import { NextResponse } from 'next/server';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from '@/lib/auth/session';
import { route } from '@/lib/http/route';

export const POST = route({
  role: 'public',
  respond: () => {
    // Relative, for the same reason as the login's redirects.
    const response = new NextResponse(null, { status: 303, headers: { Location: '/login' } });
    response.cookies.delete(SESSION_COOKIE);
    // A `__Host-` cookie is only replaced by one with the same attributes (Secure, Path=/).
    response.cookies.set(SECURE_SESSION_COOKIE, '', { path: '/', secure: true, httpOnly: true, maxAge: 0 });
    return response;
  },
});
