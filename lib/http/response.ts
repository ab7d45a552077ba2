// Every route handler answers through these helpers: one success shape, one error shape
// `{ error: { code, message } }`, and no caching of live data.
import { NextResponse } from 'next/server';

export type ErrorCode =
  'bad_request' | 'unauthorized' | 'forbidden' | 'not_found' | 'unsupported_media_type' | 'too_many_requests' | 'unavailable' | 'internal';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  unsupported_media_type: 415,
  too_many_requests: 429,
  unavailable: 503,
  internal: 500,
};

const NO_STORE = { 'Cache-Control': 'no-store' };

export function ok<T>(body: T, status = 200): NextResponse {
  return NextResponse.json(body, { status, headers: NO_STORE });
}

export function fail(code: ErrorCode, message: string, status = STATUS[code]): NextResponse {
  return NextResponse.json({ error: { code, message } }, { status, headers: NO_STORE });
}

/** 429 with Retry-After, so a script backs off instead of hammering. */
export function tooMany(message: string, retryAfterSeconds: number): NextResponse {
  return NextResponse.json(
    { error: { code: 'too_many_requests', message } },
    { status: 429, headers: { ...NO_STORE, 'Retry-After': String(retryAfterSeconds) } },
  );
}
