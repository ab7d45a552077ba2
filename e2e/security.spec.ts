// Safe defaults on the built app (the login app: auth configured): every script the browser runs
// carries the request's CSP nonce and the policy has no 'unsafe-inline' scripts; a cross-site POST
// is refused; an h2c upgrade offer to /v1/traces gets a plain HTTP/1.1 200; `next` cannot bounce a
// login to another site.
import net from 'node:net';
import { API_TOKEN, expect, test, USERS } from './fixtures/auth-app';

test('pages carry a nonce CSP and run no script without it', async ({ page, authApp }) => {
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
  });
  const response = await page.goto(`${authApp.baseUrl}/login`);
  const policy = response!.headers()['content-security-policy']!;
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  const scripts = await page.locator('script').evaluateAll((nodes) => nodes.map((n) => (n as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.every((n) => n === nonce)).toBe(true);
  // The form works, so the page hydrated and its scripts ran.
  await page.getByLabel('User').fill('viewer');
  await page.getByLabel('Password').fill(USERS.viewer);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(`${authApp.baseUrl}/`);
  expect(blocked).toEqual([]);
});

test('a cross-site POST is refused and next cannot leave the site', async ({ playwright, authApp }) => {
  const api = await playwright.request.newContext({ baseURL: authApp.baseUrl });
  const cross = await api.post('/api/demo/faults', {
    headers: { origin: 'https://evil.example', authorization: `Bearer ${API_TOKEN}` },
    data: { allOff: true },
  });
  expect(cross.status()).toBe(403);
  expect((await cross.json()).error.message).toMatch(/cross-site POST refused/);
  const login = await api.post('/api/auth/login', {
    form: { user: 'viewer', password: USERS.viewer, next: '/\\evil.example' },
    maxRedirects: 0,
  });
  expect(login.status()).toBe(303);
  expect(login.headers()['location']).toBe('/');
  await api.dispose();
});

test('an h2c upgrade offer to /v1/traces is answered as HTTP/1.1 200', async ({ authApp }) => {
  const { hostname, port } = new URL(authApp.baseUrl);
  const answer = await new Promise<string>((resolve) => {
    const socket = net.connect(Number(port), hostname);
    let text = '';
    socket.on('data', (c: Buffer) => (text += c.toString()));
    socket.on('close', () => resolve(text));
    socket.setTimeout(10_000, () => socket.destroy());
    socket.write(
      [
        'POST /v1/traces HTTP/1.1',
        `Host: ${hostname}:${port}`,
        'Connection: Upgrade, HTTP2-Settings, close',
        'Upgrade: h2c',
        'HTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA',
        'Content-Type: application/json',
        `Authorization: Bearer ${API_TOKEN}`,
        'Content-Length: 2',
        '',
        '{}',
      ].join('\r\n'),
    );
  });
  expect(answer).toMatch(/^HTTP\/1\.1 200/);
});
