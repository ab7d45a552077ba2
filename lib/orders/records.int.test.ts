// The order page's records on a real store: a key listed by the newest reconciliation run is said
// with its reason, since when and which run confirmed it; a covering reconciliation whose newest
// run does not list it says what that run compared; one that never ran gives no verdict; and the
// DLQ redrives of the key's messages are listed with who sent them where.
import { beforeAll, describe, expect, it } from 'vitest';
import { useScratchStore } from '@/e2e/fixtures/scratch-store';
import { parseConfig, type TruthflowConfig } from '@/lib/config';
import { insertDlqRedrives } from '@/lib/store/queries/dlq-redrives';
import { insertReconcileRun, type ReconcileRunWrite } from '@/lib/store/queries/reconcile-runs';
import { loadOrderRecords } from './records';

useScratchStore('order_records');

const AT = Date.parse('2026-11-30T14:05:00Z');
const run = (reconciliation: string, at: number): ReconcileRunWrite => ({
  reconciliation,
  startedAt: new Date(at),
  finishedAt: new Date(at + 2_000),
  windowFrom: new Date(at - 86_400_000),
  cutoff: new Date(at - 120_000),
  historyFrom: null,
  historyTo: null,
  nextHistoryCursor: null,
  sourceRows: 100,
  targetRows: 99,
  missing: 1,
  extra: 0,
  stale: 0,
  pendingExtra: 0,
  oldestMismatchAt: new Date(at - 180_000),
  queries: 4,
  rowsFetched: 20,
  budgetQueries: 400,
  budgetRows: 100_000,
  cutShort: false,
  note: null,
  completeness: 0.99,
});

let config: TruthflowConfig;
beforeAll(async () => {
  const reconciliation = (name: string, pipeline: string) => ({
    name,
    pipeline,
    source: { table: 'orders', key: 'id', updatedAt: 'updated_at', version: 'version' },
    target: { index: 'orders', id: 'order_id', updatedAt: 'updated_at', version: 'version' },
  });
  config = parseConfig(
    JSON.stringify({
      sources: {
        shop: { kind: 'postgres', url: 'postgresql://127.0.0.1:1/x' },
        events: { kind: 'kafka', brokers: ['127.0.0.1:1'] },
        search: { kind: 'opensearch', url: 'http://127.0.0.1:1' },
      },
      outboxes: [{ name: 'o', source: 'shop', table: 'outbox', layout: 'marked-sent' }],
      dlqs: [{ name: 'search-dlq', source: 'events', topic: 'order-events.dlq' }],
      indexes: [{ name: 'orders', source: 'search', index: 'orders' }],
      pipelines: [
        { name: 'search', systemOfRecord: 'shop', stages: [{ outbox: 'o' }, { index: 'orders' }] },
        { name: 'other', systemOfRecord: 'shop', stages: [{ outbox: 'o' }] },
      ],
      reconciliations: [
        reconciliation('orders-vs-search', 'search'),
        reconciliation('orders-again', 'search'),
        reconciliation('never-ran', 'search'),
        reconciliation('elsewhere', 'other'),
      ],
    }),
    {},
  );
  await insertReconcileRun(run('orders-vs-search', AT), [
    { key: 'ord-7', reason: 'missing', sourceVersion: '3', targetVersion: null, since: new Date(AT - 180_000) },
  ]);
  // An older run listed ord-8, the newest does not: only the newest run speaks.
  await insertReconcileRun(run('orders-again', AT - 60_000), [
    { key: 'ord-8', reason: 'stale', sourceVersion: '2', targetVersion: '1', since: new Date(AT - 200_000) },
  ]);
  await insertReconcileRun(run('orders-again', AT), []);
  await insertDlqRedrives([
    {
      dlq: 'search-dlq',
      requestedBy: 'alice',
      requestedAt: new Date(AT + 300_000),
      sourceTopic: 'order-events.dlq',
      sourcePartition: 0,
      sourceOffset: 4,
      messageKey: 'ord-7',
      targetTopic: 'order-events',
      targetPartition: 0,
      targetOffset: 41,
      redriveCount: 1,
      result: 'sent',
      detail: null,
    },
  ]);
});

describe('loadOrderRecords', () => {
  it('says what the newest run of each covering reconciliation found for the key', async () => {
    const records = await loadOrderRecords('ord-7', config, ['search']);
    expect(records.reconciliation).toEqual([
      expect.objectContaining({
        reconciliation: 'orders-vs-search',
        status: 'mismatch',
        reason: 'missing',
        words: 'present in orders, missing from orders since 14:02:00 UTC, confirmed by the 14:05:02 UTC run of orders-vs-search',
      }),
      expect.objectContaining({
        reconciliation: 'orders-again',
        status: 'clean',
        words: 'no mismatch in the 14:05:02 UTC run of orders-again (it compares rows changed before 14:03:00 UTC)',
      }),
      expect.objectContaining({ reconciliation: 'never-ran', status: 'not_run', runId: null }),
    ]);
    expect(records.redrives).toEqual([
      expect.objectContaining({
        dlq: 'search-dlq',
        result: 'sent',
        words: 'redriven by alice at 14:10:00 UTC from search-dlq to order-events',
      }),
    ]);
  });

  it('reads only the newest run: a key the last run no longer lists is clean there', async () => {
    const records = await loadOrderRecords('ord-8', config, ['search']);
    expect(records.reconciliation.find((r) => r.reconciliation === 'orders-again')).toMatchObject({ status: 'clean', reason: null });
    expect(records.redrives).toEqual([]);
  });

  it('covers every reconciliation when the order’s pipelines are unknown', async () => {
    const records = await loadOrderRecords('ord-7', config, null);
    expect(records.reconciliation.map((r) => r.reconciliation)).toEqual(['orders-vs-search', 'orders-again', 'never-ran', 'elsewhere']);
  });
});
