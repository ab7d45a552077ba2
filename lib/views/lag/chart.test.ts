import { describe, expect, it } from 'vitest';
import { knownPoints, topicChart } from './chart';

describe('lag chart rows', () => {
  const from = 0;
  const to = 4 * 60_000;

  it('puts one column per topic, sorted, with gaps as null (never 0)', () => {
    const chart = topicChart(
      'messages',
      [
        { labels: { topic: 'order-events.dlq' }, points: [{ t: 60_000, v: 5 }] },
        {
          labels: { topic: 'catalog-events' },
          points: [
            { t: 0, v: 1 },
            { t: 120_000, v: 3 },
          ],
        },
      ],
      from,
      to,
      60,
    );
    expect(chart.topics).toEqual(['catalog-events', 'order-events.dlq']);
    expect(chart.rows).toEqual([
      { t: 0, v0: 1, v1: null },
      { t: 60_000, v0: null, v1: 5 },
      { t: 120_000, v0: 3, v1: null },
      { t: 180_000, v0: null, v1: null },
    ]);
    expect(knownPoints(chart)).toBe(3);
  });

  it('still has the time axis when there is no sample at all', () => {
    const chart = topicChart('seconds', [], from, to, 60);
    expect(chart.topics).toEqual([]);
    expect(chart.rows).toHaveLength(4);
    expect(knownPoints(chart)).toBe(0);
  });
});
