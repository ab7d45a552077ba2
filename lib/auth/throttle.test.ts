import { describe, expect, it } from 'vitest';
import { allowedHosts, hostProblem, originProblem } from '../http/host-guard';
import { exposureProblem, isLoopback, tracesTokenRequired } from './exposure';
import { DEFAULT_LIMITS, LoginThrottle } from './throttle';

describe('LoginThrottle', () => {
  const now = Date.parse('2026-11-26T10:00:00Z');

  it('locks an account after 5 failures until the oldest ages out, whatever the address', () => {
    const t = new LoginThrottle();
    for (let i = 0; i < 5; i++) {
      expect(t.refusal('ana', `10.0.0.${i}`, now + i)).toBeNull();
      t.recordFailure('ana', `10.0.0.${i}`, now + i);
    }
    const refusal = t.refusal('ana', '10.9.9.9', now + 10)!;
    expect(refusal.reason).toMatch(/this account/);
    expect(refusal.retryAfterSeconds).toBe(15 * 60);
    expect(t.refusal('bob', '10.9.9.9', now + 10)).toBeNull();
    expect(t.refusal('ana', '10.9.9.9', now + DEFAULT_LIMITS.windowMs + 1)).toBeNull();
  });

  it('limits one address trying many accounts; a success clears the account only', () => {
    const t = new LoginThrottle();
    for (let i = 0; i < 20; i++) t.recordFailure(`user${i}`, '10.0.0.1', now);
    expect(t.refusal('someone-new', '10.0.0.1', now)?.reason).toMatch(/this address/);
    expect(t.refusal('someone-new', '10.0.0.2', now)).toBeNull();
    t.recordSuccess('user1');
    expect(t.refusal('user1', '10.0.0.2', now)).toBeNull();
  });

  it('keeps a bounded number of keys under a flood of names', () => {
    const t = new LoginThrottle({ ...DEFAULT_LIMITS, trackedKeys: 100 });
    for (let i = 0; i < 1000; i++) t.recordFailure(`u${i}`, `a${i}`, now);
    expect((t as unknown as { failures: Map<string, unknown> }).failures.size).toBeLessThanOrEqual(100);
  });

  it('runs at most N checks at once and refuses at once beyond the waiting room', async () => {
    const t = new LoginThrottle({ ...DEFAULT_LIMITS, concurrentChecks: 2, waitingChecks: 1 });
    let running = 0;
    let most = 0;
    const release: (() => void)[] = [];
    const check = () =>
      new Promise<string>((resolve) => {
        running++;
        most = Math.max(most, running);
        release.push(() => {
          running--;
          resolve('done');
        });
      });
    const results = [t.bounded(check), t.bounded(check), t.bounded(check), t.bounded(check)];
    expect(await results[3]).toBeNull(); // two running, one waiting: the fourth is refused at once
    while (release.length > 0 || running > 0) {
      release.shift()?.();
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(await Promise.all(results.slice(0, 3))).toEqual(['done', 'done', 'done']);
    expect(most).toBe(2);
  });
});

describe('exposure', () => {
  const auth = { users: [], token: 't'.repeat(20), idleMinutes: 60, sessionHours: 12 };

  it('refuses a non-loopback host without auth, naming the fix', () => {
    expect(exposureProblem({}, '0.0.0.0')).toMatch(/no auth section[\s\S]*anonymous: viewer/);
    expect(exposureProblem({}, '192.168.1.20')).toBeDefined();
    expect(exposureProblem({}, '127.0.0.1')).toBeUndefined();
    expect(exposureProblem({}, 'localhost')).toBeUndefined();
    expect(exposureProblem({ auth }, '0.0.0.0')).toBeUndefined();
    expect(['::1', '127.1.2.3', 'app.localhost'].every(isLoopback)).toBe(true);
  });

  it('requires a traces token with auth or beyond loopback', () => {
    expect(tracesTokenRequired({}, '127.0.0.1')).toBe(false);
    expect(tracesTokenRequired({ auth }, '127.0.0.1')).toBe(true);
    expect(tracesTokenRequired({}, '10.0.0.5')).toBe(true);
  });
});

describe('host and origin checks', () => {
  const auth = { users: [], token: 't'.repeat(20), idleMinutes: 60, sessionHours: 12 };
  const req = (host: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
    new Request(`http://${host}/api/x`, { ...init, headers: { host, ...init.headers } });

  it('answers only to loopback names and the bound host by default', () => {
    expect(allowedHosts({}, '127.0.0.1')).toEqual(new Set(['localhost', '127.0.0.1', '[::1]']));
    expect(allowedHosts({ auth }, '10.0.0.5')).toEqual(new Set(['localhost', '127.0.0.1', '[::1]', '10.0.0.5']));
    expect(allowedHosts({ auth }, '0.0.0.0')).toBe('any');
    expect(allowedHosts({ auth, allowedHosts: ['wall.example:3000'] }, '0.0.0.0')).toContain('wall.example');
    expect(hostProblem(req('127.0.0.1:3000'), {})).toBeUndefined();
    expect(hostProblem(req('localhost:3000'), {})).toBeUndefined();
    expect(hostProblem(req('rebound.evil.example:3000'), {})).toMatch(/allowedHosts/);
  });

  it('refuses a cross-site state-changing request, lets scripts and reads through', () => {
    const post = (headers: Record<string, string>) => req('127.0.0.1:3000', { method: 'POST', headers });
    expect(originProblem(post({ origin: 'http://127.0.0.1:3000' }))).toBeUndefined();
    expect(originProblem(post({}))).toBeUndefined();
    expect(originProblem(post({ origin: 'https://evil.example' }))).toMatch(/cross-site POST refused/);
    expect(originProblem(post({ origin: 'null' }))).toMatch(/cross-site/);
    expect(originProblem(post({ origin: 'null', 'sec-fetch-site': 'cross-site' }))).toMatch(/cross-site/);
    // Our own login form under Referrer-Policy: no-referrer, as Chromium sends it.
    expect(originProblem(post({ origin: 'null', 'sec-fetch-site': 'same-origin' }))).toBeUndefined();
    expect(originProblem(post({ 'sec-fetch-site': 'cross-site' }))).toMatch(/cross-site/);
    expect(originProblem(req('127.0.0.1:3000', { headers: { origin: 'https://evil.example' } }))).toBeUndefined();
  });
});
