// POST /api/auth/logout — clears the session cookie.
import { NextResponse } from 'next/server';
import { SESSION_COOKIE } from '@/lib/auth/session';

export async function POST() {
  // Relative, for the same reason as the login's redirects.
  const response = new NextResponse(null, { status: 303, headers: { Location: '/login' } });
  response.cookies.delete(SESSION_COOKIE);
  return response;
}
