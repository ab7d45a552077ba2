import { describe, expect, it } from 'vitest';
import type { AuthConfig } from '../config';
import { roleOfSession } from './guard';
import { safeNext } from './login';
import { hashPassword, verifyPassword } from './password';
import { createSessionValue, needsRenewal, readSessionValue, renewSessionValue, sessionCookie } from './session';

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
  const auth: AuthConfig = {
    users: [{ name: 'ana', role: 'viewer', passwordHash: 'unused' }],
    sessionSecret: 'a'.repeat(40),
    idleMinutes: 30,
    sessionHours: 12,
  };
  const now = Date.parse('2026-11-26T10:00:00Z');
  const minutes = (n: number) => n * 60_000;

  it('round-trips the user until the absolute timeout, while it is renewed', () => {
    let value = createSessionValue(auth, 'ana', now);
    expect(readSessionValue(auth, value, now + 1000)).toMatchObject({ user: 'ana', iat: now });
    // Used every 20 minutes for 12 hours: renewed each time, then over at the absolute limit.
    for (let t = now; t < now + 12 * 3_600_000 - minutes(20); t += minutes(20)) {
      const session = readSessionValue(auth, value, t)!;
      expect(session).not.toBeNull();
      value = renewSessionValue(auth, session, t);
    }
    expect(readSessionValue(auth, value, now + 12 * 3_600_000 + 1)).toBeNull();
  });

  it('ends after the idle timeout, and asks for renewal after a quarter of it', () => {
    const value = createSessionValue(auth, 'ana', now);
    const session = readSessionValue(auth, value, now + minutes(5))!;
    expect(needsRenewal(auth, session, now + minutes(5))).toBe(false);
    expect(needsRenewal(auth, session, now + minutes(8))).toBe(true);
    expect(readSessionValue(auth, value, now + minutes(31))).toBeNull();
  });

  it('rejects a tampered payload, a foreign signature, the old format and garbage', () => {
    const value = createSessionValue(auth, 'ana', now);
    const [v, kid, , signature] = value.split('.');
    const forged = `${v}.${kid}.${Buffer.from(JSON.stringify({ user: 'root', iat: now, seen: now })).toString('base64url')}.${signature}`;
    expect(readSessionValue(auth, forged, now)).toBeNull();
    expect(readSessionValue({ ...auth, sessionSecret: 'b'.repeat(40) }, value, now)).toBeNull();
    expect(readSessionValue(auth, value.split('.').slice(2).join('.'), now)).toBeNull();
    expect(readSessionValue(auth, 'not-a-session', now)).toBeNull();
    expect(readSessionValue(auth, `${value}.extra`, now)).toBeNull();
    expect(readSessionValue(auth, undefined, now)).toBeNull();
  });

  it('rotates keys with an overlap: old cookies verify and are re-signed by the newest key', () => {
    const before: AuthConfig = { ...auth, sessionSecret: undefined, sessionKeys: [{ id: 'k1', secret: '1'.repeat(40) }] };
    const during: AuthConfig = {
      ...before,
      sessionKeys: [
        { id: 'k2', secret: '2'.repeat(40) },
        { id: 'k1', secret: '1'.repeat(40) },
      ],
    };
    const after: AuthConfig = { ...before, sessionKeys: [{ id: 'k2', secret: '2'.repeat(40) }] };
    const old = createSessionValue(before, 'ana', now);
    const session = readSessionValue(during, old, now)!;
    expect(session.keyId).toBe('k1');
    expect(needsRenewal(during, session, now)).toBe(true);
    const renewed = renewSessionValue(during, session, now);
    expect(renewed.split('.')[1]).toBe('k2');
    expect(readSessionValue(after, renewed, now)).toMatchObject({ user: 'ana' });
    expect(readSessionValue(after, old, now)).toBeNull();
    // Same secret under another id is not the same key.
    expect(readSessionValue({ ...before, sessionKeys: [{ id: 'k9', secret: '1'.repeat(40) }] }, old, now)).toBeNull();
  });

  it('takes the role from the config, not from the cookie', () => {
    const session = readSessionValue(auth, createSessionValue(auth, 'ana', now), now)!;
    expect(roleOfSession(auth, session)).toBe('viewer');
    expect(roleOfSession({ ...auth, users: [{ name: 'ana', role: 'admin', passwordHash: 'x' }] }, session)).toBe('admin');
    expect(roleOfSession({ ...auth, users: [] }, session)).toBeNull();
  });

  it('is named __Host- and Secure over https only', () => {
    const https = sessionCookie(new Request('http://t/', { headers: { 'x-forwarded-proto': 'https' } }), auth);
    expect(https).toMatchObject({ name: '__Host-truthflow_session', options: { secure: true, path: '/', httpOnly: true } });
    expect(sessionCookie(new Request('http://t/'), auth)).toMatchObject({ name: 'truthflow_session', options: { secure: false } });
  });
});

describe('safeNext', () => {
  it('keeps same-site paths', () => {
    expect(safeNext('/features/checkout?range=1h#x')).toBe('/features/checkout?range=1h#x');
    expect(safeNext(undefined)).toBe('/');
  });

  it('refuses everything a browser would resolve to another host', () => {
    for (const next of [
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/.//evil.example',
      '/a/..//evil.example',
    ]) {
      expect(safeNext(next), JSON.stringify(next)).toBe('/');
    }
    for (const next of ['https://evil.example', 'javascript:alert(1)', 'evil.example']) expect(safeNext(next)).toBe('/');
  });
});
