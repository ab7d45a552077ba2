import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { exportRequest, jsonSpan } from '@/e2e/fixtures/otlp-requests';
import { decodeJson } from './decode-json';
import { boundKeys, boundRequest, limitNotes, limitsOf } from './limits';
import { normalize } from './normalize';

const traces = parseConfig('traces: { maxSpansPerRequest: 3, maxKeyRowsPerRequest: 10, maxAttributeValueLength: 64 }', {}).traces;
const limits = limitsOf(traces);
const decode = (spans: Record<string, unknown>[]) => decodeJson(Buffer.from(JSON.stringify(exportRequest({ svc: spans }))));

describe('per-request limits', () => {
  it('refuses spans beyond the limit and cuts long attribute values, counting both', () => {
    const long = 'x'.repeat(1000);
    const bounded = boundRequest(
      decode([jsonSpan({ attributes: { note: long, short: 'ok' } }), jsonSpan(), jsonSpan(), jsonSpan(), jsonSpan()]),
      limits,
    );
    expect(bounded.request.items).toHaveLength(3);
    expect(bounded.droppedSpans).toBe(2);
    expect(bounded.cutValues).toBe(1);
    const first = bounded.request.items[0]!;
    if ('problem' in first) throw new Error('unexpected problem');
    expect(first.span.attributes).toMatchObject({ note: `${'x'.repeat(64)}…`, short: 'ok' });
  });

  it('indexes at most maxKeyRows business-key rows, keeping the spans', () => {
    const values = Array.from({ length: 64 }, (_, i) => ({ stringValue: `order-${i}` }));
    const span = { ...jsonSpan(), attributes: [{ key: 'order_id', value: { arrayValue: { values } } }] };
    const result = normalize(boundRequest(decode([span]), limits).request, traces.businessKeys);
    expect(result.keys).toHaveLength(64);
    const { keys, droppedKeys } = boundKeys(result.keys, limits);
    expect([keys.length, droppedKeys, result.spans.length]).toEqual([10, 54, 1]);
  });

  it('says what was cut in words partial_success can carry', () => {
    expect(limitNotes(limits, { droppedSpans: 2, cutValues: 1, droppedKeys: 54 })).toEqual([
      '2 spans beyond the limit of 3 per request were refused',
      '1 attribute values longer than 64 characters were cut',
      '54 business-key entries beyond 10 per request were not indexed (their spans are stored)',
    ]);
    expect(limitNotes(limits, { droppedSpans: 0, cutValues: 0, droppedKeys: 0 })).toEqual([]);
  });
});
