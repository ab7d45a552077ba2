// Sessions live in a signed, HTTP-only cookie: "v2.<key id>.<base64url(JSON payload)>.<HMAC-SHA256>".
// Nothing is stored server-side, so any dashboard instance can check any session. The cookie says
// who logged in and when, never what they may do: the role is looked up in the config on every
// request (lib/auth/guard.ts), so removing or demoting a user takes effect at the next restart.
//
// Rotation: `auth.sessionKeys` lists keys newest first; the first signs, all of them verify, and a
// cookie signed by an older key is re-signed by the newest on its next use. Drop the old key once
// `sessionHours` have passed and no cookie signed by it is left.
//
// Lifetime: a session ends `sessionHours` after login, or `idleMinutes` after it was last used. The
// cookie carries when it was last seen; the proxy renews it while it is in use (see needsRenewal).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { AuthConfig } from '../config';
import { ROLES, type Role } from '../config/schema';

/** The cookie's name on plain http (a browser only keeps `__Host-` cookies set over https). */
export const SESSION_COOKIE = 'truthflow_session';
/** Over https: `__Host-` makes the browser refuse it from a sibling subdomain or with a Domain. */
export const SECURE_SESSION_COOKIE = '__Host-truthflow_session';
/** A login with the API token (no user entry): such a session is an admin while the token is configured. */
export const TOKEN_USER = ':token';
const VERSION = 'v2';
// Clocks of several dashboard instances disagree a little; a cookie "from the future" beyond this is forged or broken.
const CLOCK_SKEW_MS = 60_000;

export type { Role };
export { ROLES };

const payloadSchema = z.object({ user: z.string().min(1).max(200), iat: z.number(), seen: z.number() });
export type Session = z.infer<typeof payloadSchema> & { keyId: string };

interface SigningKey {
  id: string;
  secret: string;
}

/** Newest first. Users sign with sessionKeys or sessionSecret; a token-only setup derives its key from the token. */
export function signingKeys(auth: AuthConfig): SigningKey[] {
  if (auth.sessionKeys?.length) return auth.sessionKeys;
  if (auth.sessionSecret) return [{ id: 'default', secret: auth.sessionSecret }];
  const derived = createHmac('sha256', auth.token ?? '')
    .update('truthflow-session')
    .digest('hex');
  return [{ id: 'token', secret: derived }];
}

const mac = (key: SigningKey, data: string): Buffer => createHmac('sha256', key.secret).update(`${VERSION}.${key.id}.${data}`).digest();

function sign(auth: AuthConfig, payload: z.infer<typeof payloadSchema>): string {
  const key = signingKeys(auth)[0]!;
  const data = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${VERSION}.${key.id}.${data}.${mac(key, data).toString('base64url')}`;
}

export function createSessionValue(auth: AuthConfig, user: string, now = Date.now()): string {
  return sign(auth, { user, iat: now, seen: now });
}

/** The same session, last seen now, signed by the newest key. */
export function renewSessionValue(auth: AuthConfig, session: Session, now = Date.now()): string {
  return sign(auth, { user: session.user, iat: session.iat, seen: now });
}

/** Renew after a quarter of the idle window (not on every request), or when an older key signed it. */
export function needsRenewal(auth: AuthConfig, session: Session, now = Date.now()): boolean {
  return now - session.seen > (auth.idleMinutes * 60_000) / 4 || session.keyId !== signingKeys(auth)[0]!.id;
}

export function readSessionValue(auth: AuthConfig, value: string | undefined, now = Date.now()): Session | null {
  if (!value || value.length > 4096) return null;
  const [version, keyId, data, signature, extra] = value.split('.');
  if (version !== VERSION || !keyId || !data || !signature || extra !== undefined) return null;
  const key = signingKeys(auth).find((k) => k.id === keyId);
  if (!key) return null;
  const expected = mac(key, data);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(data, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) return null;
  const { iat, seen } = parsed.data;
  const fresh =
    iat <= now + CLOCK_SKEW_MS &&
    seen <= now + CLOCK_SKEW_MS &&
    iat + auth.sessionHours * 3_600_000 > now &&
    seen + auth.idleMinutes * 60_000 > now;
  return fresh ? { ...parsed.data, keyId } : null;
}

/** The request reached us over https (directly, or through a proxy that says so). */
export function isHttps(request: Request): boolean {
  return request.headers.get('x-forwarded-proto') === 'https' || new URL(request.url).protocol === 'https:';
}

/**
 * The cookie's name and attributes for this request. Rule: over https the name is
 * `__Host-truthflow_session` (Secure, Path=/, no Domain); on plain http — a loopback or a trusted
 * LAN without TLS — the prefix cannot be used (browsers drop `__Host-` cookies without Secure), so
 * the plain name is used, and a plain-named cookie is never accepted on https.
 */
export function sessionCookie(request: Request, auth: AuthConfig) {
  const secure = isHttps(request);
  return {
    name: secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE,
    options: { httpOnly: true, sameSite: 'lax' as const, secure, path: '/', maxAge: auth.sessionHours * 3600 },
  };
}
