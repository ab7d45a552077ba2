import { describe, expect, it } from 'vitest';
import type { ScrapeStatusWithNotes } from '../../store/queries/scrape-status';
import { clusterScrape } from './shard-scrape';

const NOW = Date.parse('2026-11-29T12:00:00Z');
const at = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000);
const status = (source: string, over: Partial<ScrapeStatusWithNotes> = {}): ScrapeStatusWithNotes => ({
  collector: 'kafka-lag',
  source,
  lastAttemptAt: at(2),
  lastSuccessAt: at(2),
  lastErrorKind: null,
  lastErrorMessage: null,
  consecutiveFailures: 0,
  notes: [],
  ...over,
});

describe('clusterScrape', () => {
  it('reads an unsharded cluster from its own row, as before', () => {
    const { scrape, notes } = clusterScrape('kafka-lag', 'events', 1, [status('events')], NOW, 20);
    expect(scrape).toMatchObject({ source: 'events', state: 'ok', words: 'scraped' });
    expect(notes).toEqual([]);
  });

  it('is ok only when every shard is, and names the worst shard otherwise', () => {
    const rows = [status('events:0/3'), status('events:1/3'), status('events:2/3')];
    expect(clusterScrape('kafka-lag', 'events', 3, rows, NOW, 20).scrape).toMatchObject({
      source: 'events',
      state: 'ok',
      words: 'scraped (3 shards)',
    });
    const failing = [
      rows[0]!,
      status('events:1/3', { lastErrorKind: 'network', lastErrorMessage: 'ECONNREFUSED', consecutiveFailures: 2 }),
    ];
    const { scrape } = clusterScrape('kafka-lag', 'events', 3, failing, NOW, 20);
    expect(scrape).toMatchObject({ source: 'events:1/3', state: 'failing' });
    expect(scrape.words).toMatch(/^shard 1\/3: /);
    // Shard 2 never reported: unknown, but a failing shard outranks it.
    expect(clusterScrape('kafka-lag', 'events', 3, [rows[0]!, rows[1]!], NOW, 20).scrape).toMatchObject({
      source: 'events:2/3',
      state: 'unknown',
    });
  });

  it('gathers the notes of shards whose state was rebuilt after a move, and only those', () => {
    const moved = 'state rebuilt after shard moved at 2026-11-29T11:59:00.000Z: lag seconds need two polls';
    const rows = [status('events:0/2', { notes: [moved, 'consumer x: topic "t" does not exist'] }), status('events:1/2')];
    expect(clusterScrape('kafka-lag', 'events', 2, rows, NOW, 20).notes).toEqual([`shard 0/2: ${moved}`]);
  });
});
