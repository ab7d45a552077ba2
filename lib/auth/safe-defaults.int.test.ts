// Safe by default, on the real route handlers and proxy with real config files (each "restart" is
// a fresh module graph reading its config again), and `npm start` itself for the HOST refusal:
// open is a decision written in the config, never a default.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashPassword } from './password';

const BASE = 'http://127.0.0.1:3000';
const PASSWORD = 'ana-password-1';
const dir = mkdtempSync(path.join(tmpdir(), 'truthflow-safe-'));
const minimal = `
sources:
  db: { kind: postgres, url: 'postgres://127.0.0.1:1/none' }
  events: { kind: kafka, brokers: '127.0.0.1:1' }
dlqs:
  - { name: search-dlq, source: events, topic: order-events.dlq }
`;

function writeConfig(name: string, auth: string): string {
  const file = path.join(dir, `${name}.yaml`);
  writeFileSync(file, `${minimal}${auth}`);
  return file;
}

/** A fresh dashboard process, as far as modules go: config read again, no cached state. */
async function start(configFile: string) {
  vi.resetModules();
  process.env.TRUTHFLOW_CONFIG = configFile;
  process.env.TF_TEST_SESSION_SECRET = 's'.repeat(40);
  return {
    proxy: (await import('@/proxy')).proxy,
    peek: (await import('@/app/api/dlq/[dlq]/peek/route')).GET,
    faults: (await import('@/app/api/demo/faults/route')).POST,
    login: (await import('@/app/api/auth/login/route')).POST,
    health: (await import('@/app/api/health/route')).GET,
  };
}

const peekOf = (app: Awaited<ReturnType<typeof start>>, headers: Record<string, string> = {}) =>
  app.peek(new Request(`${BASE}/api/dlq/search-dlq/peek`, { headers }), { params: Promise.resolve({ dlq: 'search-dlq' }) });
const flip = (app: Awaited<ReturnType<typeof start>>, headers: Record<string, string> = {}) =>
  app.faults(
    new Request(`${BASE}/api/demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', host: '127.0.0.1:3000', ...headers },
      body: JSON.stringify({ allOff: true }),
    }),
  );
const loginJson = (app: Awaited<ReturnType<typeof start>>, body: unknown, headers: Record<string, string> = {}) =>
  app.login(
    new Request(`${BASE}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }),
  );
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

let users: string;
beforeAll(async () => {
  users = `
auth:
  users:
    - { name: ana, role: viewer, passwordHash: "${await hashPassword(PASSWORD, 1024)}" }
    - { name: bo, role: admin, passwordHash: "${await hashPassword('bo-password-1', 1024)}" }
  sessionSecret: \${TF_TEST_SESSION_SECRET}
`;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm start', () => {
  it('refuses HOST=0.0.0.0 without an auth section, naming the fix', async () => {
    const config = writeConfig('open', '');
    const child = spawn('node_modules/.bin/tsx', ['scripts/start.ts', '--no-build', '--no-demo'], {
      env: { ...process.env, HOST: '0.0.0.0', TRUTHFLOW_CONFIG: config, DATABASE_URL: 'postgres://127.0.0.1:1/none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(output).toContain('HOST=0.0.0.0');
    expect(output).toContain('anonymous: viewer');
    expect(output).not.toMatch(/store ready/);
  });
});

describe('anonymous: viewer', () => {
  it('lets anyone read, but a peek and the fault switches are 403', async () => {
    const app = await start(writeConfig('anonymous', 'auth: { anonymous: viewer }\n'));
    const page = app.proxy(new NextRequest(`${BASE}/features/checkout`, { headers: { host: '127.0.0.1:3000' } }));
    expect(page.headers.get('x-middleware-next')).toBe('1');
    const peek = await peekOf(app);
    expect(peek.status).toBe(403);
    expect((await errorOf(peek)).message).toMatch(/admin role/);
    const faults = await flip(app);
    expect(faults.status).toBe(403);
    expect((await errorOf(faults)).message).toMatch(/needs the admin role; you are viewer \(not logged in/);
  });

  it('tells an anonymous caller only the health statuses', async () => {
    const app = await start(writeConfig('anonymous-health', 'auth: { anonymous: viewer }\n'));
    const res = await app.health(new Request(`${BASE}/api/health`));
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body).toEqual({
      status: 'down',
      checkedAt: expect.any(String),
      store: { status: 'failing' },
      migrations: { status: 'unknown' },
      collectors: { status: 'unknown' },
    });
  });
});

describe('content security policy', () => {
  it('gives every page a fresh nonce, hands it to Next.js on the request, and allows no inline script without it', async () => {
    const app = await start(writeConfig('csp', ''));
    const policies = [1, 2].map(() => app.proxy(new NextRequest(`${BASE}/`, { headers: { host: '127.0.0.1:3000' } })));
    const [first, second] = policies.map((res) => res.headers.get('content-security-policy')!);
    expect(first).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    expect(first).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(first).not.toBe(second);
    // Next.js reads the nonce from the request's CSP header (passed on through x-middleware-override-headers).
    expect(policies[0]!.headers.get('x-middleware-request-content-security-policy')).toBe(first);
  });
});

describe('cross-origin and host checks', () => {
  it('refuses a cross-origin POST and a rebound host, in the route and in the proxy', async () => {
    const app = await start(writeConfig('local', ''));
    const cross = await flip(app, { origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    expect((await errorOf(cross)).message).toMatch(/cross-site POST refused/);
    const viaProxy = app.proxy(
      new NextRequest(`${BASE}/api/demo/faults`, { method: 'POST', headers: { host: '127.0.0.1:3000', origin: 'https://evil.example' } }),
    );
    expect(viaProxy.status).toBe(403);
    const rebound = app.proxy(new NextRequest('http://rebound.example:3000/api/overview', { headers: { host: 'rebound.example:3000' } }));
    expect(rebound.status).toBe(403);
    expect((await errorOf(rebound)).message).toMatch(/allowedHosts/);
  });
});

describe('login', () => {
  it('keeps next=/\\evil.example on this host', async () => {
    const app = await start(writeConfig('users-next', users));
    for (const next of ['/\\evil.example', '/\t/evil.example', '//evil.example']) {
      const res = await app.login(
        new Request(`${BASE}/api/auth/login`, { method: 'POST', body: new URLSearchParams({ user: 'ana', password: PASSWORD, next }) }),
      );
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/');
    }
  });

  it("shuts a removed user's cookie out after a restart, and a demoted one is a viewer at once", async () => {
    const first = await start(writeConfig('users', users));
    const ok = await loginJson(first, { user: 'bo', password: 'bo-password-1' });
    expect(ok.status).toBe(200);
    const cookie = ok.headers.get('set-cookie')!.split(';')[0]!;
    expect(cookie).toMatch(/^truthflow_session=v2\.default\./);
    const viaProxy = (app: Awaited<ReturnType<typeof start>>) =>
      app.proxy(new NextRequest(`${BASE}/api/overview`, { headers: { host: '127.0.0.1:3000', cookie } }));
    expect(viaProxy(first).headers.get('x-middleware-next')).toBe('1');
    expect((await peekOf(first, { cookie })).status).not.toBe(403); // an admin: let through to the (unreachable) cluster

    const demoted = await start(writeConfig('demoted', users.replace('{ name: bo, role: admin', '{ name: bo, role: viewer')));
    expect((await peekOf(demoted, { cookie })).status).toBe(403);

    const removed = await start(writeConfig('removed', users.replace(/ {4}- \{ name: bo.*\n/, '')));
    expect(viaProxy(removed).status).toBe(401);
    expect((await peekOf(removed, { cookie })).status).toBe(401);
  });

  it('answers a login flood with 429 and Retry-After, without checking the password', async () => {
    const app = await start(writeConfig('users-flood', users));
    const address = { 'x-forwarded-for': '203.0.113.7' };
    for (let i = 0; i < 5; i++) expect((await loginJson(app, { user: 'ana', password: 'wrong' }, address)).status).toBe(401);
    const limited = await loginJson(app, { user: 'ana', password: PASSWORD }, address);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await errorOf(limited)).message).toMatch(/too many failed logins for this account/);
    expect((await loginJson(app, { user: 'bo', password: 'bo-password-1' }, address)).status).toBe(200);
  });
});
