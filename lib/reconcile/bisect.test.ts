import { describe, expect, it } from 'vitest';
import { splitBucket, topBuckets } from './bisect';
import { HASH_SPACE, rowHash, versionText } from './hash';

describe('reconciliation buckets', () => {
  it('cover the range exactly, in whole milliseconds, without gaps or overlaps', () => {
    const buckets = topBuckets(1_000, 1_000 + 86_400_001, 64);
    expect(buckets).toHaveLength(64);
    expect(buckets[0]!.from).toBe(1_000);
    expect(buckets.at(-1)!.to).toBe(1_000 + 86_400_001);
    for (let i = 1; i < buckets.length; i++) expect(buckets[i]!.from).toBe(buckets[i - 1]!.to);
    expect(buckets.every((b) => Number.isInteger(b.from) && b.hashLo === 0 && b.hashHi === HASH_SPACE)).toBe(true);
  });

  it('split by time while parts stay at least 1 ms wide, then by hash range', () => {
    const tenMs = splitBucket({ from: 0, to: 10, hashLo: 0, hashHi: HASH_SPACE }, 16);
    expect(tenMs.map((b) => b.to - b.from)).toEqual(Array(10).fill(1));
    const oneMs = splitBucket({ from: 5, to: 6, hashLo: 0, hashHi: HASH_SPACE }, 16);
    expect(oneMs).toHaveLength(16);
    expect(oneMs.every((b) => b.from === 5 && b.to === 6)).toBe(true);
    expect(oneMs[0]!.hashLo).toBe(0);
    expect(oneMs.at(-1)!.hashHi).toBe(HASH_SPACE);
    expect(splitBucket({ from: 5, to: 6, hashLo: 7, hashHi: 8 }, 16)).toEqual([]);
  });

  it('hash key|version to 28 bits, times as epoch milliseconds', () => {
    const h = rowHash('ord-1', 3);
    expect(h).toBeGreaterThanOrEqual(0);
    expect(h).toBeLessThan(HASH_SPACE);
    expect(rowHash('ord-1', 3)).toBe(h);
    expect(rowHash('ord-1', 4)).not.toBe(h);
    expect(versionText(new Date(1_767_225_600_123))).toBe('1767225600123');
    expect(rowHash('ord-1', new Date(1_767_225_600_123))).toBe(rowHash('ord-1', '1767225600123'));
  });
});
