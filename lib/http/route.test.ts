// The route wrapper's steps and error policy, on a made-up route: each way a request can end
// (400, 401, 403, 404, 503, 500 for a wrong shape, 200) has exactly one answer shape.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createSessionValue, SESSION_COOKIE } from '@/lib/auth/session';
import { TruthflowError } from '@/lib/errors';
import { StoreUnavailableError } from '@/lib/store/errors';

const users = (['viewer', 'admin'] as const).map((role) => ({ name: role, role, passwordHash: 'unused' }));
const auth = { users, sessionSecret: 's'.repeat(40), token: 't'.repeat(20), idleMinutes: 60, sessionHours: 12 };
vi.mock('@/lib/server-config', () => ({ serverConfig: () => ({ auth }) }));
const logged = vi.fn();
vi.mock('@/lib/log', () => ({ createLogger: () => ({ error: logged, warn: logged, info: () => undefined }) }));

const { route } = await import('./route');
const { notFound } = await import('./not-found');

const answer = z.object({ name: z.string(), items: z.array(z.object({ n: z.number() })) });
const load = vi.fn();
const handler = route({
  role: 'viewer',
  params: z.object({ thing: z.string().regex(/^[a-z]+$/, { error: 'expected lower-case letters' }) }),
  query: z.strictObject({ limit: z.string().regex(/^\d+$/, { error: 'expected a number' }).transform(Number).optional() }),
  response: answer,
  load: ({ params, query }) => load(params.thing, query.limit),
});

function call(role: 'viewer' | 'admin' | null, { thing = 'abc', query = '', h = handler } = {}) {
  const headers: Record<string, string> = role ? { cookie: `${SESSION_COOKIE}=${createSessionValue(auth, role)}` } : {};
  return h(new Request(`http://t/api/things/${thing}${query}`, { headers }), { params: Promise.resolve({ thing }) });
}

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe('route()', () => {
  beforeEach(() => {
    load.mockReset();
    logged.mockReset();
    load.mockResolvedValue({ name: 'abc', items: [{ n: 1 }] });
  });

  it('answers 200 with the data and Cache-Control: no-store', async () => {
    const res = await call('viewer', { query: '?limit=5' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ name: 'abc', items: [{ n: 1 }] });
    expect(load).toHaveBeenCalledWith('abc', 5);
  });

  it('answers 400 naming the bad query parameter or path segment, before loading', async () => {
    const bad = await call('viewer', { query: '?limit=lots' });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toEqual({ code: 'bad_request', message: 'limit: expected a number' });
    expect((await errorOf(await call('viewer', { query: '?nope=1' }))).message).toContain('nope');
    expect((await errorOf(await call('viewer', { thing: 'A1' }))).message).toBe('thing: expected lower-case letters');
    expect(load).not.toHaveBeenCalled();
  });

  it('answers 401 to no one and 403 to a role too small, through the guard', async () => {
    const none = await call(null);
    expect(none.status).toBe(401);
    expect((await errorOf(none)).code).toBe('unauthorized');
    const admin = route({ role: 'admin', response: answer, load: () => load(), forbidden: 'admins only: this reads customer data' });
    const viewer = await call('viewer', { h: admin });
    expect(viewer.status).toBe(403);
    expect(await errorOf(viewer)).toEqual({ code: 'forbidden', message: 'admins only: this reads customer data' });
    expect(load).not.toHaveBeenCalled();
    expect((await call('admin', { h: admin })).status).toBe(200);
  });

  it('answers 404 with the NotFound message', async () => {
    load.mockResolvedValue(notFound('no thing named abc'));
    const res = await call('viewer');
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toEqual({ code: 'not_found', message: 'no thing named abc' });
  });

  it('answers 503 unavailable when the store is unreachable, 503 with the kind in words for a monitored system', async () => {
    load.mockRejectedValue(new StoreUnavailableError('connect ECONNREFUSED 127.0.0.1:5432'));
    const store = await call('viewer');
    expect(store.status).toBe(503);
    expect(await errorOf(store)).toEqual({ code: 'unavailable', message: 'store unreachable: connect ECONNREFUSED 127.0.0.1:5432' });
    load.mockRejectedValue(new TruthflowError('timeout', 'broker b1'));
    const peek = route({ role: 'viewer', response: answer, load: () => load(), failure: 'could not peek' });
    expect(await errorOf(await call('viewer', { h: peek }))).toEqual({
      code: 'unavailable',
      message: 'could not peek: timed out (broker b1)',
    });
  });

  it('fails with a 500 naming the bad field when the loader returns a wrong shape, and logs it', async () => {
    load.mockResolvedValue({ name: 'abc', items: [{ n: 1 }, { n: 'two' }] });
    const res = await call('viewer');
    expect(res.status).toBe(500);
    const error = await errorOf(res);
    expect(error.code).toBe('internal');
    expect(error.message).toMatch(/^the answer does not match its schema at items\.1\.n: /);
    expect(logged).toHaveBeenCalledOnce();
  });

  it('answers 500 internal for anything else, and logs it', async () => {
    load.mockRejectedValue(new TypeError('x is undefined'));
    const res = await call('viewer');
    expect(res.status).toBe(500);
    expect(await errorOf(res)).toEqual({ code: 'internal', message: 'internal error: x is undefined' });
    expect(logged).toHaveBeenCalledOnce();
  });

  it('lets a custom responder answer, with the same parse, auth and error policy', async () => {
    const text = route({
      role: 'viewer',
      load: () => 'up 1\n',
      respond: (body) => new Response(body, { headers: { 'content-type': 'text/plain' } }),
    });
    expect(await (await call('viewer', { h: text })).text()).toBe('up 1\n');
    expect((await call(null, { h: text })).status).toBe(401);
    const down = route({
      role: 'viewer',
      load: () => Promise.reject(new StoreUnavailableError('gone')),
      respond: () => new Response('never'),
    });
    expect((await call('viewer', { h: down })).status).toBe(503);
    const json = route({
      role: 'public',
      response: answer,
      load: () => ({ name: 'x', items: [] }),
      respond: (data, { json: send }) => send({ ...data, items: [{ n: 'bad' }] } as never),
    });
    expect((await call(null, { h: json })).status).toBe(500);
  });

  it('reads a JSON or form body and names its bad field', async () => {
    const post = route({
      role: 'public',
      body: z.object({ user: z.string().min(1, { error: 'expected a user' }) }),
      response: z.object({ user: z.string() }),
      load: ({ body }) => body,
    });
    const form = await post(new Request('http://t/x', { method: 'POST', body: new URLSearchParams({ user: 'ana' }) }));
    expect(await form.json()).toEqual({ user: 'ana' });
    const json = await post(
      new Request('http://t/x', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"user":""}' }),
    );
    expect(await errorOf(json)).toEqual({ code: 'bad_request', message: 'user: expected a user' });
    const broken = await post(new Request('http://t/x', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }));
    expect(broken.status).toBe(400);
    // text/plain is what a cross-site no-cors POST can send without a preflight: never read as JSON.
    const text = await post(new Request('http://t/x', { method: 'POST', body: '{"user":"ana"}' }));
    expect(text.status).toBe(415);
    expect(await errorOf(text)).toEqual({ code: 'unsupported_media_type', message: 'send the body as application/json (or as a form)' });
  });

  it('refuses a cross-site state-changing request and a browser naming a foreign host, before parsing', async () => {
    const post = route({ role: 'public', body: z.object({ on: z.boolean() }), response: z.object({ on: z.boolean() }), load: load });
    const send = (headers: Record<string, string>) =>
      post(
        new Request('http://127.0.0.1:3000/x', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: '{"on":true}',
        }),
      );
    load.mockImplementation(({ body }: { body: unknown }) => body);
    const crossSite = await send({ origin: 'https://evil.example', host: '127.0.0.1:3000' });
    expect(crossSite.status).toBe(403);
    expect((await errorOf(crossSite)).message).toMatch(/cross-site POST refused/);
    const rebound = await send({ origin: 'http://rebound.example:3000', host: 'rebound.example:3000' });
    expect(rebound.status).toBe(403);
    expect((await errorOf(rebound)).message).toMatch(/allowedHosts/);
    expect(load).not.toHaveBeenCalled();
    expect((await send({ origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' })).status).toBe(200);
    expect((await send({})).status).toBe(200); // a script: no Origin, no Sec-Fetch-Site
  });

  it('answers with the status the route computes from its data', async () => {
    const health = route({
      role: 'public',
      response: z.object({ status: z.enum(['ok', 'down']) }),
      load: () => ({ status: 'down' as const }),
      status: (d) => (d.status === 'ok' ? 200 : 503),
    });
    const res = await call(null, { h: health });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'down' });
  });
});
