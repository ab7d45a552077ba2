// Login throttling. Each password check is a scrypt of 16 MiB on libuv's small thread pool, which
// OTLP gunzip and DNS share, so a login flood must be refused before it costs anything:
//   - per account: after 5 failures in 15 minutes, that account answers 429 until the oldest ages out
//     (a lockout an attacker can extend, but never turn into a guess: the password is not checked);
//   - per address: 20 failures in 15 minutes, for one machine trying many accounts;
//   - overall: one check at a time and 4 waiting; beyond that 429 at once, so /api/health and the
//     pages keep a core and most of the thread pool (a login takes ~50 ms of it, so 20 logins a
//     second still get through).
// The address is the first X-Forwarded-For entry (set by Next.js from the socket, or by a proxy in
// front). A client that reaches Next.js directly can forge it; the per-account and overall bounds
// do not depend on it.
// State is in memory, per dashboard process, on globalThis: Next.js may load this module twice.

export interface ThrottleLimits {
  failuresPerAccount: number;
  failuresPerAddress: number;
  windowMs: number;
  concurrentChecks: number;
  waitingChecks: number;
  /** Bounds memory under a flood of distinct names or addresses: the oldest entries go first. */
  trackedKeys: number;
}

export const DEFAULT_LIMITS: ThrottleLimits = {
  failuresPerAccount: 5,
  failuresPerAddress: 20,
  windowMs: 15 * 60_000,
  concurrentChecks: 1,
  waitingChecks: 4,
  trackedKeys: 10_000,
};

export type Refusal = { retryAfterSeconds: number; reason: string };

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(readonly limits: ThrottleLimits = DEFAULT_LIMITS) {}

  private recent(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => t > now - this.limits.windowMs);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  private refusalFor(key: string, max: number, now: number, reason: string): Refusal | null {
    const times = this.recent(key, now);
    if (times.length < max) return null;
    const oldest = times[times.length - max]!;
    return { retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.limits.windowMs - now) / 1000)), reason };
  }

  /** Null when an attempt may be checked; otherwise how long to wait and why. */
  refusal(account: string, address: string, now = Date.now()): Refusal | null {
    return (
      this.refusalFor(`a:${account}`, this.limits.failuresPerAccount, now, 'too many failed logins for this account') ??
      this.refusalFor(`ip:${address}`, this.limits.failuresPerAddress, now, 'too many failed logins from this address')
    );
  }

  recordFailure(account: string, address: string, now = Date.now()): void {
    for (const key of [`a:${account}`, `ip:${address}`]) {
      const times = this.recent(key, now);
      times.push(now);
      // Re-inserted so that Map order is least recently failed first, which is what gets evicted.
      this.failures.delete(key);
      this.failures.set(key, times.slice(-Math.max(this.limits.failuresPerAccount, this.limits.failuresPerAddress)));
    }
    while (this.failures.size > this.limits.trackedKeys) this.failures.delete(this.failures.keys().next().value!);
  }

  recordSuccess(account: string): void {
    this.failures.delete(`a:${account}`);
  }

  /** Runs `check` within the overall bound, or answers null at once when too many are waiting. */
  async bounded<T>(check: () => Promise<T>): Promise<T | null> {
    if (this.active >= this.limits.concurrentChecks) {
      if (this.queue.length >= this.limits.waitingChecks) return null;
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await check();
    } finally {
      // The slot passes straight to the next waiter, so `active` stays counted for it.
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}

const GLOBAL_KEY = Symbol.for('truthflow.loginThrottle');

export function loginThrottle(): LoginThrottle {
  const holder = globalThis as { [GLOBAL_KEY]?: LoginThrottle };
  return (holder[GLOBAL_KEY] ??= new LoginThrottle());
}

/** The caller's address as far as we can tell (see the top of this file). */
export function addressOf(request: Request): string {
  return (request.headers.get('x-forwarded-for') ?? '').split(',')[0]!.trim().slice(0, 64) || 'unknown';
}
