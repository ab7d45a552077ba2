import { describe, expect, it } from 'vitest';
import { typeBreakdown } from './breakdown';

const NOW = Date.parse('2026-11-26T10:00:00Z');
const at = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000);
const reading = (labels: Record<string, string>, value: number, secondsAgo: number) => ({ labels, value, ts: at(secondsAgo) });

describe('outbox breakdown by aggregate type', () => {
  it('shows the newest run only, biggest backlog first', () => {
    const unsent = [
      reading({ outbox: 'o' }, 12, 5),
      reading({ outbox: 'o', aggregate_type: 'order' }, 10, 5),
      reading({ outbox: 'o', aggregate_type: 'payment' }, 2, 5),
      // Drained two runs ago: reported once as 0, then no more; not part of "now".
      reading({ outbox: 'o', aggregate_type: 'refund' }, 0, 25),
    ];
    const age = [reading({ outbox: 'o', aggregate_type: 'order' }, 40, 5), reading({ outbox: 'o', aggregate_type: 'payment' }, 3, 5)];
    const types = typeBreakdown(unsent, age, NOW, 20);
    expect(types.map((t) => [t.aggregateType, t.unsentRows.value, t.oldestUnsentAgeSeconds.value])).toEqual([
      ['order', 10, 40],
      ['payment', 2, 3],
    ]);
  });

  it('says unknown (with the time) when the newest run is too old', () => {
    const types = typeBreakdown([reading({ outbox: 'o', aggregate_type: 'order' }, 10, 60)], [], NOW, 20);
    expect(types).toEqual([
      { aggregateType: 'order', unsentRows: { value: null, at: at(60).toISOString() }, oldestUnsentAgeSeconds: { value: null, at: null } },
    ]);
  });

  it('is empty without a per-type reading', () => {
    expect(typeBreakdown([reading({ outbox: 'o' }, 3, 1)], [], NOW, 20)).toEqual([]);
  });
});
