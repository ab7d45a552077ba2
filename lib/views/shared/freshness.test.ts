import { describe, expect, it } from 'vitest';
import { isStale, refreshStaleness, staleAfterSeconds } from './freshness';

const now = Date.parse('2026-01-01T12:00:00Z');

describe('isStale', () => {
  it('is stale after two collector intervals, and always without a timestamp', () => {
    const after = staleAfterSeconds(10);
    expect(after).toBe(20);
    expect(isStale(new Date(now - 20_000), now, after)).toBe(false);
    expect(isStale(new Date(now - 20_001), now, after)).toBe(true);
    expect(isStale('2026-01-01T11:59:50Z', now, after)).toBe(false);
    expect(isStale(null, now, after)).toBe(true);
    expect(isStale('not a date', now, after)).toBe(true);
  });
});

describe('refreshStaleness', () => {
  const fresh = { lastSuccessAt: now, lastFailureAt: null, failure: null, dataStale: false, dataStaleReason: null };

  it('is fresh after a good refresh', () => {
    expect(refreshStaleness(fresh)).toEqual({ stale: false, reason: null });
  });

  it('is stale when a failure is newer than the last success', () => {
    expect(refreshStaleness({ ...fresh, lastFailureAt: now + 5000, failure: 'store unreachable: ECONNREFUSED' })).toEqual({
      stale: true,
      reason: 'store unreachable: ECONNREFUSED',
    });
  });

  it('clears once a success follows the failure', () => {
    expect(refreshStaleness({ ...fresh, lastSuccessAt: now + 10_000, lastFailureAt: now + 5000, failure: 'x' }).stale).toBe(false);
  });

  it('is stale with no data at all, and when the payload says its data is old', () => {
    expect(refreshStaleness({ ...fresh, lastSuccessAt: null, failure: 'store unreachable' })).toEqual({
      stale: true,
      reason: 'store unreachable',
    });
    expect(refreshStaleness({ ...fresh, lastSuccessAt: null })).toEqual({ stale: true, reason: 'no data received yet' });
    expect(refreshStaleness({ ...fresh, dataStale: true, dataStaleReason: 'no collectors heartbeat for 40 s' })).toEqual({
      stale: true,
      reason: 'no collectors heartbeat for 40 s',
    });
  });
});
