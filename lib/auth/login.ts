// The credential check behind POST /api/auth/login, kept out of the route file so the route only
// wires it into the route wrapper (lib/http/route.ts). Its schemas are in ./login-schema.ts.
import type { AuthConfig } from '../config';
import { sameSecret } from './guard';
import { verifyPassword } from './password';
import type { Credentials } from './login-schema';
import type { Role } from './session';

export { credentialsSchema, loginAnswerSchema, type Credentials, type LoginAnswer } from './login-schema';

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
