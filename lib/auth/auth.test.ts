import { describe, expect, it } from 'vitest';
import type { AuthConfig } from '../config';
import { hashPassword, verifyPassword } from './password';
import { createSessionValue, readSessionValue, SESSION_HOURS } from './session';

describe('password hashes', () => {
  it('verifies the right password and refuses a wrong one or a garbled hash', async () => {
    const hash = await hashPassword('correct horse', 1024);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('correct horsE', hash)).toBe(false);
    expect(await verifyPassword('x', 'plaintext-password')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$99999999$8$1$AA$AA')).toBe(false); // absurd cost refused, not computed
  });
});

describe('session cookies', () => {
  const auth: AuthConfig = { users: [], sessionSecret: 'a'.repeat(40) };
  const now = Date.parse('2026-11-26T10:00:00Z');

  it('round-trips user and role until it expires', () => {
    const value = createSessionValue(auth, 'ana', 'viewer', now);
    expect(readSessionValue(auth, value, now + 1000)).toMatchObject({ user: 'ana', role: 'viewer' });
    expect(readSessionValue(auth, value, now + SESSION_HOURS * 3600_000 + 1)).toBeNull();
  });

  it('rejects a tampered payload, a foreign signature and garbage', () => {
    const value = createSessionValue(auth, 'ana', 'viewer', now);
    const [, signature] = value.split('.');
    const forged = `${Buffer.from(JSON.stringify({ user: 'ana', role: 'admin', exp: now + 1e9 })).toString('base64url')}.${signature}`;
    expect(readSessionValue(auth, forged, now)).toBeNull();
    expect(readSessionValue({ ...auth, sessionSecret: 'b'.repeat(40) }, value, now)).toBeNull();
    expect(readSessionValue(auth, 'not-a-session', now)).toBeNull();
    expect(readSessionValue(auth, undefined, now)).toBeNull();
  });
});
