import { describe, expect, it } from 'vitest';
import { BURN_RULES, type RuleVerdict } from './burn';
import { buildSlices, NOT_OBSERVED_REASON, sliceStartOf } from './slices';
import { sloStatus, type StatusInputs } from './status';

const at = (iso: string) => new Date(`2026-11-26T${iso}Z`);

describe('one-minute slices', () => {
  it('aligns to the minute', () => {
    expect(sliceStartOf(at('14:02:59.999')).toISOString()).toBe('2026-11-26T14:02:00.000Z');
  });

  it('judges each minute by its worst reading, and a silent minute as bad', () => {
    const points = [
      { ts: at('14:00:05'), value: 10 },
      { ts: at('14:00:35'), value: 31 }, // one bad reading spoils the minute
      { ts: at('14:01:10'), value: 29 },
      // 14:02 — nothing: the collector or the pipeline went quiet
      { ts: at('14:03:50'), value: Number.NaN }, // garbage counts as no data, not as good
    ];
    const slices = buildSlices(points, at('14:00:00'), at('14:04:30'), 30);
    expect(slices.map((s) => [s.start.toISOString().slice(11, 16), s.good, s.noData, s.value])).toEqual([
      ['14:00', false, false, 31],
      ['14:01', true, false, 29],
      ['14:02', false, true, null],
      ['14:03', false, true, null],
    ]); // 14:04 has not ended yet: no slice
  });

  it('tells a silent minute Truthflow observed (bad) from one it did not (counted neither way)', () => {
    const points = [{ ts: at('14:00:05'), value: 3 }];
    // The evaluator could observe at 14:00 and 14:01; at 14:02 Truthflow was not running.
    const observed = [at('14:00:05'), at('14:01:15')];
    const slices = buildSlices(points, at('14:00:00'), at('14:03:00'), 30, observed);
    expect(slices.map((s) => [s.start.toISOString().slice(11, 16), s.good, s.observed, s.reason])).toEqual([
      ['14:00', true, true, null],
      ['14:01', false, true, 'no reading while Truthflow was observing'],
      ['14:02', false, false, NOT_OBSERVED_REASON],
    ]);
  });

  it('says a silent minute lost its samples when the buffer dropped them in a store outage, and counts it neither way', () => {
    const dropped = [{ from: at('14:01:20'), to: at('14:02:40'), samples: 1200 }];
    const slices = buildSlices([{ ts: at('14:00:05'), value: 3 }], at('14:00:00'), at('14:04:00'), 30, [at('14:00:05')], dropped);
    expect(slices.map((s) => [s.start.toISOString().slice(11, 16), s.observed, s.noData, s.reason])).toEqual([
      ['14:00', true, false, null],
      ['14:01', false, true, '1200 samples dropped during a store outage (14:01–14:02 UTC)'],
      ['14:02', false, true, '1200 samples dropped during a store outage (14:01–14:02 UTC)'],
      ['14:03', false, true, NOT_OBSERVED_REASON],
    ]);
  });
});

describe('status word', () => {
  const quiet: RuleVerdict[] = BURN_RULES.map((rule) => ({ rule, threshold: 1, burnLong: 0, burnShort: 0, firing: false }));
  const base: StatusInputs = {
    latestValue: 5,
    latestAgeSeconds: 3,
    staleAfterSeconds: 20,
    threshold: 30,
    budgetRemaining: 0.9,
    rules: quiet,
  };

  it('ok when fresh, under threshold, budget left and nothing firing', () => {
    expect(sloStatus(base)).toBe('ok');
  });
  it('unknown when the newest reading is stale or missing, whatever else it says', () => {
    expect(sloStatus({ ...base, latestAgeSeconds: 21 })).toBe('unknown');
    expect(sloStatus({ ...base, latestValue: null })).toBe('unknown');
  });
  it('at risk above the threshold or on a pipeline warning', () => {
    expect(sloStatus({ ...base, latestValue: 31 })).toBe('at_risk');
    expect(
      sloStatus({
        ...base,
        warnings: [{ hop: { kind: 'consumer', name: 'search-indexer' }, signal: 'stalled', figure: null, words: 'search-indexer stalled' }],
      }),
    ).toBe('at_risk');
  });
  it('a firing burn alert alone does not hold the status red once the SLI is healthy again', () => {
    expect(sloStatus({ ...base, rules: quiet.map((r) => ({ ...r, firing: true })) })).toBe('ok');
  });
  it('breached once the budget is spent', () => {
    expect(sloStatus({ ...base, budgetRemaining: 0 })).toBe('breached');
    expect(sloStatus({ ...base, budgetRemaining: -0.5, latestValue: 1 })).toBe('breached');
  });
});
