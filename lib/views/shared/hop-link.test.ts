// Each hop kind a cause can name lands on the page that shows that hop, and kinds without a page
// get no link rather than a wrong one.
import { describe, expect, it } from 'vitest';
import { hopHref } from './hop-link';

const config = { consumers: [{ name: 'search-indexer', source: 'events', group: 'search indexer/v2' }] };

describe('hopHref', () => {
  it('sends a consumer to its group page on its cluster', () => {
    expect(hopHref({ kind: 'consumer', name: 'search-indexer' }, config)).toBe('/lag/events/search%20indexer%2Fv2');
  });

  it('sends a consumer missing from the config to the lag list', () => {
    expect(hopHref({ kind: 'consumer', name: 'gone' }, config)).toBe('/lag');
  });

  it('sends outbox, DLQ and index hops to their stage pages', () => {
    expect(hopHref({ kind: 'outbox', name: 'orders-outbox' }, config)).toBe('/outbox');
    expect(hopHref({ kind: 'dlq', name: 'search-dlq' }, config)).toBe('/dlq');
    expect(hopHref({ kind: 'index', name: 'orders' }, config)).toBe('/indexing');
  });

  it('sends a reconciliation hop to its drill-down', () => {
    expect(hopHref({ kind: 'reconciliation', name: 'orders vs search' }, config)).toBe('/consistency/orders%20vs%20search');
  });

  it('links nothing for hops no page shows', () => {
    expect(hopHref({ kind: 'evaluator', name: 'slo-evaluator' }, config)).toBeNull();
    expect(hopHref({ kind: 'cdc', name: 'slots' }, config)).toBeNull();
  });
});
