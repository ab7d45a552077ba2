import { describe, expect, it } from 'vitest';
import type { IndexingPressureRejections } from '@/lib/search/client';
import { SERIES } from '@/lib/series-names';
import { nodeRates } from './indexing';

const pressure = (p: Partial<IndexingPressureRejections>): IndexingPressureRejections => ({
  coordinating: null,
  primary: null,
  replica: null,
  primaryDocument: null,
  ...p,
});
const reading = (at: number, p: Partial<IndexingPressureRejections>, writeRejected = 0) => ({
  id: 'n1',
  name: 'node-1',
  writeRejected,
  indexFailed: 0,
  indexTotal: 100,
  pressure: pressure(p),
  at,
});
const pressureRates = (samples: ReturnType<typeof nodeRates>) =>
  samples.filter((s) => s.metric === SERIES.searchPressureRejectionsPerSecond).map((s) => [s.labels.kind, s.value]);

describe('nodeRates, indexing pressure', () => {
  it('emits a rate only for counters the server reports: a missing field is not reported, never 0', () => {
    // OpenSearch shape: no primary_document_rejections.
    const samples = nodeRates(
      'os',
      reading(10_000, { coordinating: 20, primary: 5, replica: 0 }),
      reading(0, { coordinating: 10, primary: 5, replica: 0 }),
    );
    expect(pressureRates(samples)).toEqual([
      ['coordinating', 1],
      ['primary', 0],
      ['replica', 0],
    ]);
  });

  it('reads primary_document_rejections on Elasticsearch 8 and treats a decrease as a restart', () => {
    const samples = nodeRates('es', reading(10_000, { primaryDocument: 30 }), reading(0, { primaryDocument: 50 }));
    expect(pressureRates(samples)).toEqual([['primary_document', 3]]);
  });
});
