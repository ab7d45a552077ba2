// Sessions live in a signed, HTTP-only cookie: base64url(JSON payload) + "." + HMAC-SHA256.
// Nothing is stored server-side, so any dashboard instance can check any session.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { AuthConfig } from '../config';
import { ROLES, type Role } from '../config/schema';

export const SESSION_COOKIE = 'truthflow_session';
export const SESSION_HOURS = 12;

export type { Role };
const payloadSchema = z.object({ user: z.string(), role: z.enum(ROLES), exp: z.number() });
export type Session = z.infer<typeof payloadSchema>;

/** Users sign with sessionSecret; a token-only setup derives its key from the token. */
function signingKey(auth: AuthConfig): string {
  return (
    auth.sessionSecret ??
    createHmac('sha256', auth.token ?? '')
      .update('truthflow-session')
      .digest('hex')
  );
}

function mac(auth: AuthConfig, data: string): Buffer {
  return createHmac('sha256', signingKey(auth)).update(data).digest();
}

export function createSessionValue(auth: AuthConfig, user: string, role: Role, now = Date.now()): string {
  const data = Buffer.from(JSON.stringify({ user, role, exp: now + SESSION_HOURS * 3600_000 })).toString('base64url');
  return `${data}.${mac(auth, data).toString('base64url')}`;
}

export function readSessionValue(auth: AuthConfig, value: string | undefined, now = Date.now()): Session | null {
  if (!value) return null;
  const [data, signature] = value.split('.');
  if (!data || !signature) return null;
  const expected = mac(auth, data);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(data, 'base64url').toString('utf8') || 'null'));
  return parsed.success && parsed.data.exp > now ? parsed.data : null;
}
