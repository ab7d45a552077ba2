// An order is laid against every pipeline that starts at the outbox its change committed to, so
// the search hop shows even when the order's most critical feature only measures publishing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config';
import { pipelinesOfOrder } from './feature';

const config = parseConfig(readFileSync('truthflow.yaml', 'utf8'), {});
const feature = (name: string) => config.features.find((f) => f.name === name)!;

describe('pipelinesOfOrder', () => {
  it('adds the other pipelines from the same outbox after the feature own ones', () => {
    expect(pipelinesOfOrder(config, { feature: feature('checkout'), by: 'outbox', reason: '' })).toEqual([
      'orders-published',
      'orders-to-search',
      'orders-to-analytics',
    ]);
  });
  it('keeps to the feature a span names', () => {
    expect(pipelinesOfOrder(config, { feature: feature('checkout'), by: 'attribute', reason: '' })).toEqual(['orders-published']);
  });
});
