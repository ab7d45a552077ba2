import { describe, expect, it } from 'vitest';
import { overdueSeconds, type JobPulse } from './heartbeat';

const pulse = (lastTickAt: Map<string, number>, keys = [...lastTickAt.keys()]): JobPulse => ({
  keys: () => keys,
  lastTickAt,
  expectedGapMs: 18_000,
  since: 0,
});

describe('overdueSeconds', () => {
  it('is 0 while every job began a tick within its interval and timeout', () => {
    expect(
      overdueSeconds(
        pulse(
          new Map([
            ['a', 100_000],
            ['b', 90_000],
          ]),
        ),
        108_000,
      ),
    ).toBe(0);
  });

  it('reports the most overdue job, however many are on time', () => {
    expect(
      overdueSeconds(
        pulse(
          new Map([
            ['on-time', 100_000],
            ['stuck', 50_000],
          ]),
        ),
        108_000,
      ),
    ).toBe(40);
  });

  it('counts a job that never ticked from the runner start', () => {
    expect(overdueSeconds(pulse(new Map(), ['never-ran']), 30_000)).toBe(12);
  });
});
