// The W3C traceparent helpers: what the outbox row and the Kafka headers carry between hops.
import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { contextFromTraceparent, traceparentOf } from './telemetry';

const VALUE = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('traceparent', () => {
  it('round-trips a sampled span context', () => {
    const ctx = contextFromTraceparent(VALUE);
    expect(trace.getSpanContext(ctx)).toMatchObject({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: 1,
      isRemote: true,
    });
    expect(traceparentOf(ctx)).toBe(VALUE);
  });

  it('reads a Kafka header given as bytes, in upper case or with spaces', () => {
    expect(traceparentOf(contextFromTraceparent(Buffer.from(` ${VALUE.toUpperCase()} `)))).toBe(VALUE);
  });

  it.each([
    undefined,
    null,
    '',
    'garbage',
    '01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`,
    `00-4bf92f3577b34da6a3ce929d0e0e4736-${'0'.repeat(16)}-01`,
  ])('starts a new trace for %s', (value) => {
    expect(contextFromTraceparent(value)).toBe(ROOT_CONTEXT);
  });

  it('has nothing to say without a span', () => {
    expect(traceparentOf(ROOT_CONTEXT)).toBeUndefined();
  });
});
