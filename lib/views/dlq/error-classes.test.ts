import { describe, expect, it } from 'vitest';
import { errorClassCounts } from './error-classes';

describe('DLQ error classes over the window', () => {
  it('lists classes that arrived, most first, and drops empty or unlabelled series', () => {
    const lastAt = new Date('2026-11-26T10:00:00Z');
    const t = (labels: Record<string, string>, sum: number) => ({ labels, sum, mean: sum, samples: 1, lastAt });
    expect(
      errorClassCounts([
        t({ dlq: 'd', error_class: 'EventParseError' }, 3),
        t({ dlq: 'd', error_class: 'mapper_parsing_exception' }, 40),
        t({ dlq: 'd', error_class: 'other' }, 0),
        t({ dlq: 'd' }, 9),
      ]),
    ).toEqual([
      { errorClass: 'mapper_parsing_exception', messages: 40, lastSeenAt: lastAt.toISOString() },
      { errorClass: 'EventParseError', messages: 3, lastSeenAt: lastAt.toISOString() },
    ]);
  });
});
