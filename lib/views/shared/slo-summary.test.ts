import { describe, expect, it } from 'vitest';
import type { SloConfig } from '../../config';
import type { SloStateDetail } from '../../store/queries/slo-state';
import { summarizeSlo } from './slo-summary';

const slo: SloConfig = {
  name: 'outbox-publishes-within-30s',
  sli: 'outbox_oldest_unsent_age',
  threshold: 30,
  objective: 0.999,
  period: '30d',
};
const now = Date.parse('2026-03-01T12:00:00Z');
const state = (secondsAgo: number, over: Partial<SloStateDetail> = {}): SloStateDetail => ({
  feature: 'checkout',
  slo: slo.name,
  tier: 0,
  status: 'ok',
  sliValue: 4,
  budgetRemaining: 0.97,
  burnRates: { '1h': 0.5, '5m': 0.2 },
  exhaustionAt: null,
  evaluatedAt: new Date(now - secondsAgo * 1000),
  cause: null,
  ...over,
});

describe('summarizeSlo', () => {
  it('passes a fresh verdict through', () => {
    const s = summarizeSlo(slo, state(5), now, 20);
    expect(s).toMatchObject({ status: 'ok', sliValue: 4, budgetRemaining: 0.97, stale: false, unit: 'seconds' });
    expect(s.burnPairs[0]).toMatchObject({ long: 0.5, short: 0.2, state: 'ok' });
  });

  it('never shows a stale green: an old verdict is unknown in every number, with its time kept', () => {
    const s = summarizeSlo(slo, state(21), now, 20);
    expect(s).toMatchObject({ status: 'unknown', sliValue: null, budgetRemaining: null, stale: true });
    expect(s.evaluatedAt).toBe(new Date(now - 21_000).toISOString());
    expect(s.burnPairs.every((p) => p.state === 'unknown' && p.long === null)).toBe(true);
  });

  it('is unknown when never evaluated, and for a status word it does not know', () => {
    expect(summarizeSlo(slo, undefined, now, 20)).toMatchObject({ status: 'unknown', evaluatedAt: null, stale: true });
    expect(summarizeSlo(slo, state(1, { status: 'purple' }), now, 20).status).toBe('unknown');
  });

  it('carries the stored cause of a non-ok verdict and none for ok', () => {
    const cause = {
      hop: { kind: 'outbox', name: 'orders-outbox' },
      signal: 'threshold' as const,
      figure: { value: 45, unit: 's' },
      since: '2026-03-01T11:58:00.000Z',
      words: 'orders-outbox: oldest unsent row waits 45 s (threshold 30 s)',
    };
    expect(summarizeSlo(slo, state(5, { status: 'at_risk', cause }), now, 20).cause).toEqual(cause);
    expect(summarizeSlo(slo, state(5), now, 20).cause).toBeNull();
  });

  it('names the evaluator as the cause of a stale verdict, and a causeless non-ok row still says why', () => {
    expect(summarizeSlo(slo, state(60), now, 20).cause).toMatchObject({ hop: { name: 'slo-evaluator' }, signal: 'no_data' });
    expect(summarizeSlo(slo, undefined, now, 20).cause?.words).toContain('not judged this SLO yet');
    expect(summarizeSlo(slo, state(5, { status: 'breached' }), now, 20).cause?.words).toContain('without a cause');
  });
});
