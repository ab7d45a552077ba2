import { describe, expect, it } from 'vitest';
import { SeriesIdCache } from './series-id-cache';

describe('SeriesIdCache', () => {
  it('never holds more keys than its bound, however many distinct keys arrive', () => {
    const cache = new SeriesIdCache({ maxEntries: 1_000 });
    for (let i = 0; i < 50_000; i++) cache.set(`kafka_consumer_lag{group=g-${i}}`, String(i));
    expect(cache.size).toBe(1_000);
    expect(cache.get('kafka_consumer_lag{group=g-49999}')).toBe('49999');
    expect(cache.get('kafka_consumer_lag{group=g-0}')).toBeUndefined();
  });

  it('evicts the least recently used key, not the oldest inserted', () => {
    const cache = new SeriesIdCache({ maxEntries: 2 });
    cache.set('a', '1');
    cache.set('b', '2');
    expect(cache.get('a')).toBe('1');
    cache.set('c', '3');
    expect(cache.get('a')).toBe('1');
    expect(cache.get('b')).toBeUndefined();
  });

  it('forgets keys left idle longer than maxIdleMs', () => {
    let now = 0;
    const cache = new SeriesIdCache({ maxEntries: 100, maxIdleMs: 60_000, now: () => now });
    cache.set('gone-group', '1');
    now = 30_000;
    cache.set('busy-group', '2');
    now = 61_000;
    expect(cache.get('gone-group')).toBeUndefined();
    cache.set('new-group', '3');
    now = 80_000;
    expect(cache.get('busy-group')).toBe('2');
    expect(cache.size).toBe(2);
  });

  it('drops the keys retention pruned', () => {
    const cache = new SeriesIdCache({ maxEntries: 10 });
    cache.set('a', '1');
    cache.set('b', '2');
    expect(cache.forget(['a', 'zzz'])).toBe(1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe('2');
  });
});
