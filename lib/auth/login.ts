// The credential check behind POST /api/auth/login, kept out of the route file so the route only
// wires it into the route wrapper (lib/http/route.ts). Its schemas are in ./login-schema.ts.
import type { AuthConfig } from '../config';
import { sameSecret } from './guard';
import { verifyPassword } from './password';
import type { Credentials } from './login-schema';
import { TOKEN_USER, type Role } from './session';

export { credentialsSchema, loginAnswerSchema, type Credentials, type LoginAnswer } from './login-schema';

// A valid scrypt hash of nothing anyone knows: unknown users are checked against it too.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAA$AAAA';

/** Who the credentials belong to, or null when they are wrong. */
export async function checkCredentials(auth: AuthConfig, body: Credentials): Promise<{ user: string; role: Role } | null> {
  if ('token' in body) return auth.token && sameSecret(body.token, auth.token) ? { user: TOKEN_USER, role: 'admin' } : null;
  const user = auth.users.find((u) => u.name === body.user);
  // Verify against a dummy hash for unknown users too, so timing does not reveal who exists.
  const ok = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
  return ok && user ? { user: user.name, role: user.role } : null;
}

// Any origin works as the base: only whether the result stays on it matters.
const SAME_SITE_BASE = 'http://truthflow.invalid';

/**
 * Only same-site paths: a login link must not bounce the user to another site. The path is
 * resolved the way a browser resolves a Location header, so `/\evil.example` and `/<TAB>/evil.example`
 * (which browsers read as //evil.example) are caught by comparing origins, not by spelling.
 */
export function safeNext(path: string | undefined): string {
  if (!path || !path.startsWith('/')) return '/';
  try {
    const resolved = new URL(path, SAME_SITE_BASE);
    const local = `${resolved.pathname}${resolved.search}${resolved.hash}`;
    // `/.//evil.example` stays on the base but normalises to `//evil.example`: check the result too.
    return resolved.origin === SAME_SITE_BASE && new URL(local, SAME_SITE_BASE).origin === SAME_SITE_BASE ? local : '/';
  } catch {
    return '/';
  }
}
