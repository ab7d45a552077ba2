// What POST /api/auth/login accepts and answers, and the credential check itself, kept out of the
// route file so the route only wires them into the route wrapper (lib/http/route.ts).
import { z } from 'zod';
import type { AuthConfig } from '../config';
import { sameSecret } from './guard';
import { verifyPassword } from './password';
import type { Role } from './session';

const next = z.string().max(2000).optional();

/** A form posts user and password; scripts post JSON, with a password or the API token. */
export const credentialsSchema = z.union(
  [
    z.object({ user: z.string().min(1).max(200), password: z.string().min(1).max(1000), next }),
    z.object({ token: z.string().min(1).max(1000), next }),
  ],
  { error: 'send user and password, or token' },
);
export type Credentials = z.output<typeof credentialsSchema>;

/** The JSON answer to a successful login (a form gets a 303 to `next` instead). */
export const loginAnswerSchema = z.object({ user: z.string(), role: z.enum(['viewer', 'admin']) });
export type LoginAnswer = z.output<typeof loginAnswerSchema>;

// A valid scrypt hash of nothing anyone knows: unknown users are checked against it too.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAA$AAAA';

/** Who the credentials belong to, or null when they are wrong. */
export async function checkCredentials(auth: AuthConfig, body: Credentials): Promise<{ user: string; role: Role } | null> {
  if ('token' in body) return auth.token && sameSecret(body.token, auth.token) ? { user: 'token', role: 'admin' } : null;
  const user = auth.users.find((u) => u.name === body.user);
  // Verify against a dummy hash for unknown users too, so timing does not reveal who exists.
  const ok = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
  return ok && user ? { user: user.name, role: user.role } : null;
}

/** Only same-site paths: a login link must not bounce the user to another site. */
export function safeNext(path: string | undefined): string {
  return path && path.startsWith('/') && !path.startsWith('//') ? path : '/';
}
