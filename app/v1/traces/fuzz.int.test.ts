// Fuzz: at least 10,000 random and mutated bodies through POST /v1/traces against a real store.
// Every answer must be a 4xx or a 200 (partial success included), never a 5xx or a throw, and the
// store must hold exactly the spans the receiver accepted, each of them well-formed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/v1/traces/route';
import { decodeBody } from '@/lib/otlp/body';
import { decodeJson } from '@/lib/otlp/decode-json';
import { decodeProtobuf } from '@/lib/otlp/decode-proto';
import { buildCorpus, type FuzzCase } from '@/e2e/fixtures/otlp-fuzz-corpus';
import { normalize } from '@/lib/otlp/normalize';
import { post, receiverEnv, type ReceiverEnv } from '@/e2e/fixtures/otlp-receiver-env';

const CASES = 10_500;
const CONCURRENCY = 32;
const KEYS = ['order_id', 'order.id', 'app.order_id', 'event_id', 'messaging.message.id'];

let env: ReceiverEnv;
beforeAll(async () => {
  env = await receiverEnv('otlp_fuzz');
});
afterAll(async () => env?.close());

/** The (trace, span) pairs an accepted body contributed, by the receiver's own decode path. */
async function acceptedIds(c: FuzzCase): Promise<string[]> {
  const body = await decodeBody(c.body, c.gzip ? 'gzip' : 'identity', 262_144);
  const decoded = c.contentType === 'application/json' ? decodeJson(body) : decodeProtobuf(body);
  return normalize(decoded, KEYS).spans.map((s) => `${s.traceId}/${s.spanId}`);
}

describe('receiver fuzz', () => {
  it(`answers ${CASES} hostile bodies with 4xx or 200 only and stores only valid spans`, async () => {
    const corpus = buildCorpus(CASES);
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    const expected = new Set<string>();
    let next = 0;
    const worker = async () => {
      while (next < corpus.length) {
        const i = next++;
        const c = corpus[i]!;
        const headers: Record<string, string> = { 'content-type': c.contentType, ...(c.gzip ? { 'content-encoding': 'gzip' } : {}) };
        try {
          // A 429 (decodes or queue at their bound) is retried, as an exporter would: the fuzz is
          // about what the receiver answers once it looks at the body.
          let res = await POST(post(c.body as BodyInit, headers));
          for (let tries = 0; res.status === 429 && tries < 200; tries++) {
            await new Promise((r) => setTimeout(r, 10));
            res = await POST(post(c.body as BodyInit, headers));
          }
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500 || (res.status !== 200 && (res.status < 400 || res.status > 499)))
            failures.push(`case ${i} (${c.kind}): ${res.status} ${await res.text()}`);
          if (res.status === 200) for (const id of await acceptedIds(c)) expected.add(id);
        } catch (error) {
          failures.push(`case ${i} (${c.kind}) threw: ${(error as Error).stack}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    console.log(`fuzz statuses: ${JSON.stringify(Object.fromEntries(statuses))}, spans accepted: ${expected.size}`);

    expect(failures.slice(0, 5)).toEqual([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(CASES);
    expect(statuses.get(200)).toBeGreaterThan(500); // the corpus really exercises the store path
    expect(statuses.get(400)).toBeGreaterThan(500);

    // Exactly the accepted spans, no more, no fewer.
    const { rows } = await env.sql.query<{ id: string }>(`SELECT trace_id || '/' || span_id AS id FROM spans`);
    expect(rows.length).toBe(expected.size);
    expect(rows.filter((r) => !expected.has(r.id))).toEqual([]);
    // And each one well-formed, checked by SQL rather than by the receiver's own code.
    const garbage = await env.count(
      'spans',
      `trace_id !~ '^[0-9a-f]{32}$' OR trace_id ~ '^0+$' OR span_id !~ '^[0-9a-f]{16}$' OR span_id ~ '^0+$'
       OR (parent_span_id IS NOT NULL AND parent_span_id !~ '^[0-9a-f]{16}$') OR end_time < start_time
       OR start_time < '2000-01-01' OR end_time >= '2200-01-01' OR kind NOT BETWEEN 0 AND 5 OR status_code NOT BETWEEN 0 AND 2
       OR service_name = '' OR jsonb_typeof(attributes) <> 'object' OR jsonb_typeof(links) <> 'array' OR stage IS NULL`,
    );
    expect(garbage).toBe(0);
    const orphanKeys = await env.count(
      'span_keys k',
      `NOT EXISTS (SELECT 1 FROM spans s WHERE s.trace_id = k.trace_id AND s.span_id = k.span_id) OR length(key_value) > 256 OR key_name <> ALL($1)`,
      [KEYS],
    );
    expect(orphanKeys).toBe(0);
  });
});
