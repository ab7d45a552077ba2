// POST /api/auth/logout — clears the session cookie. Through the route wrapper (public: logging
// out needs no valid session) with a redirect as its answer.
import { NextResponse } from 'next/server';
import { SESSION_COOKIE } from '@/lib/auth/session';
import { route } from '@/lib/http/route';

export const POST = route({
  role: 'public',
  respond: () => {
    // Relative, for the same reason as the login's redirects.
    const response = new NextResponse(null, { status: 303, headers: { Location: '/login' } });
    response.cookies.delete(SESSION_COOKIE);
    return response;
  },
});
