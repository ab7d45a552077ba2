import { describe, expect, it } from 'vitest';
import { journey, tspan } from '@/e2e/fixtures/order-journeys';
import { buildTimeline, gapLabel } from './timeline';
import { formatDuration, laneLabel } from './words';

describe('order timeline', () => {
  it('puts spans on lanes by store in order of first activity', () => {
    const t = buildTimeline(journey());
    expect(t.lanes.map((l) => [l.name, l.label])).toEqual([
      ['checkout', 'checkout'],
      ['postgres', 'Postgres'],
      ['kafka:order-events', 'Kafka topic order-events'],
    ]);
    expect(t.hops.map((h) => h.service)).toEqual(['checkout', 'relay', 'indexer']);
  });

  it('labels the wait before a consumer as time in its Kafka topic, and before a relay as outbox time', () => {
    const t = buildTimeline(journey());
    expect(t.gaps.map((g) => g.label)).toEqual(['1.3 s in the Postgres outbox', '3.2 s in Kafka topic order-events']);
  });

  it('leaves no gap between overlapping hops (synchronous calls)', () => {
    const spans = [
      tspan({ serviceName: 'a', startS: 0, durS: 5 }),
      tspan({ serviceName: 'b', startS: 1, durS: 1 }),
      tspan({ serviceName: 'c', startS: 4, durS: 2 }),
    ];
    expect(buildTimeline(spans).gaps).toEqual([]);
  });

  it('measures a gap from the furthest end so far, not the previous hop', () => {
    const spans = [
      tspan({ serviceName: 'a', startS: 0, durS: 5 }),
      tspan({ serviceName: 'b', startS: 1, durS: 1 }),
      tspan({ serviceName: 'c', startS: 7, durS: 1 }),
    ];
    const [gap] = buildTimeline(spans).gaps;
    expect(gap?.label).toBe('2.0 s before c started');
  });

  it('words durations at every scale', () => {
    expect([400, 12_000, 3_200_000, 252_000_000, 7_500_000_000].map(formatDuration)).toEqual([
      '400 µs',
      '12 ms',
      '3.2 s',
      '4 min 12 s',
      '2 h 5 min',
    ]);
    expect(gapLabel([], [tspan({ kind: 5, lane: 'kafka:t', startS: 0, durS: 1 })], 'x', 850_000)).toBe('850 ms in Kafka topic t');
    expect(laneLabel('search')).toBe('Search');
  });
});
