// The peek API's gate: viewers are refused with a clear 403, admins get the (redacted) peek, and
// bad input is a 400 naming the parameter. The cluster read itself is stubbed: covered by
// lib/dlq/peek.int.test.ts against a real broker.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createSessionValue, SESSION_COOKIE } from '@/lib/auth/session';

const users = (['viewer', 'admin'] as const).map((role) => ({ name: role, role, passwordHash: 'unused' }));
const auth = { users, sessionSecret: 's'.repeat(40), token: 't'.repeat(20), idleMinutes: 60, sessionHours: 12 };
vi.mock('@/lib/server-config', () => ({ serverConfig: () => ({ auth, dlqs: [], sources: {} }) }));
const peek = vi.fn();
vi.mock('@/lib/views/dlq/peek-loader', () => ({ peekConfiguredDlq: (...args: unknown[]) => peek(...args) }));

const { GET } = await import('./route');
const { dlqPeekSchema } = await import('@/lib/views/dlq/schema');

function call(role: 'viewer' | 'admin' | null, query = '', dlq = 'search-dlq') {
  const headers: Record<string, string> = role ? { cookie: `${SESSION_COOKIE}=${createSessionValue(auth, role)}` } : {};
  return GET(new Request(`http://t/api/dlq/${dlq}/peek${query}`, { headers }), { params: Promise.resolve({ dlq }) });
}

describe('GET /api/dlq/:dlq/peek', () => {
  beforeEach(() => {
    peek.mockReset();
    peek.mockResolvedValue({
      kind: 'ok',
      peek: { dlq: 'search-dlq', topic: 't', peekedAt: 'now', messages: [], complete: true, notes: [] },
    });
  });

  it('refuses a viewer with 403 in the one error shape, without touching the cluster', async () => {
    const res = await call('viewer');
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: 'forbidden', message: expect.stringContaining('needs the admin role') } });
    expect(peek).not.toHaveBeenCalled();
  });

  it('asks an anonymous caller to log in', async () => {
    expect((await call(null)).status).toBe(401);
  });

  it('lets an admin peek, with the configured limit unless one is asked for', async () => {
    const res = await call('admin');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    // The answer as sent, read back with the schema the page validates it with.
    expect(dlqPeekSchema.parse(await res.json()).dlq).toBe('search-dlq');
    // The request's signal goes along, so a peek whose client has gone stops.
    expect(peek).toHaveBeenCalledWith('search-dlq', undefined, expect.any(AbortSignal));
    await call('admin', '?limit=5');
    expect(peek).toHaveBeenLastCalledWith('search-dlq', 5, expect.any(AbortSignal));
  });

  it('names the bad parameter', async () => {
    const res = await call('admin', '?limit=9999');
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/^limit: expected a limit from 1 to 500/);
    const badName = await call('admin', '', 'bad name');
    expect(badName.status).toBe(400);
    expect((await badName.json()).error.message).toBe('dlq: expected a DLQ name of letters, digits, "-" and "_"');
  });

  it('answers 404 for a DLQ the config does not name and 503 when the cluster cannot be read', async () => {
    peek.mockResolvedValueOnce({ kind: 'not_found', message: 'no DLQ named x in the config' });
    expect((await call('admin')).status).toBe(404);
    const { TruthflowError } = await import('@/lib/errors');
    peek.mockRejectedValueOnce(new TruthflowError('network', 'ECONNREFUSED'));
    const res = await call('admin');
    expect(res.status).toBe(503);
    expect((await res.json()).error.message).toBe('could not peek: could not connect (ECONNREFUSED)');
  });
});
