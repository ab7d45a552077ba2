// Timeline spans for order tests: a checkout → relay → indexer journey, second by second.
import type { TimelineSpan } from './types';

export const T0_US = Date.UTC(2026, 10, 26, 14, 2, 10) * 1000;
const S = 1_000_000;

let counter = 0;
export function tspan(over: Partial<TimelineSpan> & { startS: number; durS: number }): TimelineSpan {
  const { startS, durS, ...rest } = over;
  counter++;
  return {
    traceId: 'a'.repeat(32),
    spanId: counter.toString(16).padStart(16, '0'),
    parentSpanId: null,
    name: 'work',
    kind: 1,
    serviceName: 'svc',
    lane: 'svc',
    startUs: T0_US + startS * S,
    endUs: T0_US + (startS + durS) * S,
    statusCode: 0,
    statusMessage: null,
    attributes: {},
    events: [],
    links: [],
    ...rest,
  };
}

/** checkout commits at 14:02:11, the relay publishes 14:02:12.5–13, the indexer consumes from 14:02:16.2. */
export function journey(): TimelineSpan[] {
  return [
    tspan({ traceId: '1'.repeat(32), serviceName: 'checkout', lane: 'checkout', name: 'POST /orders', kind: 2, startS: 0, durS: 1.2 }),
    tspan({ traceId: '1'.repeat(32), serviceName: 'checkout', lane: 'postgres', name: 'INSERT outbox', kind: 3, startS: 0.5, durS: 0.5, attributes: { 'db.system': 'postgresql', 'db.collection.name': 'outbox' } }),
    tspan({ traceId: '2'.repeat(32), serviceName: 'relay', lane: 'kafka:order-events', name: 'order-events publish', kind: 4, startS: 2.5, durS: 0.5 }),
    tspan({ traceId: '3'.repeat(32), serviceName: 'indexer', lane: 'kafka:order-events', name: 'order-events process', kind: 5, startS: 6.2, durS: 0.3 }),
  ];
}
