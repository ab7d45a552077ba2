import { describe, expect, it } from 'vitest';
import type { DecodedRequest, DecodedSpan } from './model';
import { normalize } from './normalize';

const NOW_NS = 1_764_165_731_000_000_000n;
const span = (over: Partial<DecodedSpan> = {}): DecodedSpan => ({
  traceId: 'ab'.repeat(16),
  spanId: 'cd'.repeat(8),
  parentSpanId: '',
  name: 'publish',
  kind: 4,
  startNs: NOW_NS,
  endNs: NOW_NS + 1_500_000n,
  attributes: {},
  events: [],
  links: [],
  statusCode: 0,
  statusMessage: '',
  ...over,
});
const request = (...spans: DecodedSpan[]): DecodedRequest => ({
  items: spans.map((s) => ({ resource: { 'service.name': 'relay' }, span: s })),
});
const KEYS = ['order_id', 'event_id'];

describe('normalize', () => {
  it('turns a valid span into a row with microsecond times, stage and service', () => {
    const result = normalize(
      request(span({ attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': 'order-events', order_id: 'A-1' } })),
      KEYS,
    );
    expect(result.rejected).toBe(0);
    expect(result.spans[0]).toMatchObject({
      serviceName: 'relay',
      stage: 'kafka:order-events',
      startUs: 1_764_165_731_000_000,
      endUs: 1_764_165_731_001_500,
      parentSpanId: null,
      statusMessage: null,
    });
    expect(result.keys).toEqual([
      { keyName: 'order_id', keyValue: 'A-1', traceId: 'ab'.repeat(16), spanId: 'cd'.repeat(8), tsUs: 1_764_165_731_000_000 },
    ]);
  });

  it.each<[string, Partial<DecodedSpan>, string]>([
    ['all-zero trace id', { traceId: '0'.repeat(32) }, 'trace_id'],
    ['short trace id', { traceId: 'ab' }, 'trace_id'],
    ['non-hex span id', { spanId: 'zz'.repeat(8) }, 'span_id'],
    ['all-zero span id', { spanId: '0'.repeat(16) }, 'span_id'],
    ['bad parent', { parentSpanId: 'abc' }, 'parent_span_id'],
    ['end before start', { endNs: NOW_NS - 1n }, 'before'],
    ['missing start', { startNs: null }, 'start_time'],
    ['start at zero', { startNs: 0n }, 'start_time'],
    ['far future', { startNs: NOW_NS * 10n, endNs: NOW_NS * 10n }, 'start_time'],
    ['unknown kind', { kind: 9 }, 'kind'],
    ['unknown status', { statusCode: 7 }, 'status.code'],
    ['bad link', { links: [{ traceId: '0'.repeat(32), spanId: 'cd'.repeat(8), attributes: {} }] }, 'link'],
  ])('rejects a span with %s, alone', (_what, over, word) => {
    const result = normalize(request(span({ spanId: '11'.repeat(8) }), span(over)), KEYS);
    expect(result.spans).toHaveLength(1);
    expect(result.rejected).toBe(1);
    expect(result.errorMessage).toMatch(new RegExp(`^1 of 2 spans rejected: span 1: .*${word}`));
  });

  it('reports problems from decoding and summarises beyond five', () => {
    const bad: DecodedRequest = { items: Array.from({ length: 7 }, () => ({ problem: 'traceId: expected string' })) };
    const result = normalize(bad, KEYS);
    expect(result.rejected).toBe(7);
    expect(result.errorMessage).toContain('7 of 7 spans rejected');
    expect(result.errorMessage).toContain('and 2 more');
  });

  it('indexes business keys from strings, integers and arrays, skipping oversized values', () => {
    const result = normalize(
      request(
        span({ attributes: { order_id: [' A-1 ', 'A-2', 'A-1', true], event_id: 42, other: 'x' } }),
        span({ spanId: '22'.repeat(8), attributes: { order_id: 'x'.repeat(300) } }),
      ),
      KEYS,
    );
    expect(result.keys.map((k) => `${k.keyName}=${k.keyValue}`)).toEqual(['order_id=A-1', 'order_id=A-2', 'event_id=42']);
  });

  it('treats an all-zero parent as a root span and collects linked trace ids', () => {
    const link = { traceId: 'ef'.repeat(16), spanId: '12'.repeat(8), attributes: {} };
    const [row] = normalize(request(span({ parentSpanId: '0'.repeat(16), links: [link, link] })), KEYS).spans;
    expect(row?.parentSpanId).toBeNull();
    expect(row?.linkedTraceIds).toEqual(['ef'.repeat(16)]);
    expect(JSON.parse(row!.links)).toEqual([link, link]);
  });

  it('names the service unknown_service when the resource has none', () => {
    const result = normalize({ items: [{ resource: {}, span: span() }] }, KEYS);
    expect(result.spans[0]?.serviceName).toBe('unknown_service');
    expect(result.spans[0]?.stage).toBe('unknown_service');
  });
});
