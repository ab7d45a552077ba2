// Writes one ingest batch: spans and their business keys in one transaction, so a lookup never
// finds a key whose span is not there yet.
import type pg from 'pg';
import { withTransaction } from '@/lib/sql/transaction';
import { storePool } from '@/lib/store/pool';
import { insertSpanKeys } from '@/lib/store/queries/span-keys';
import { insertSpans } from '@/lib/store/queries/spans';
import { createIngestQueue, isDataError, type IngestQueue, type WriteBatch } from './ingest';

export function storeWriter(pool: () => pg.Pool = storePool): WriteBatch {
  return async ({ spans, keys }) => {
    await withTransaction(
      pool(),
      async (client) => {
        await insertSpans(spans, client);
        await insertSpanKeys(keys, client);
      },
      // Only a data error (SQLSTATE class 22/23) leaves the connection known-good; after anything
      // else it is closed rather than handed to the next request.
      { discardOn: (error) => !isDataError(error) },
    );
  };
}

const envInt = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

const globalForQueue = globalThis as unknown as { truthflowIngestQueue?: IngestQueue };

/** The receiver's queue, one per server process. Limits can be tuned by environment for tests. */
export function ingestQueue(): IngestQueue {
  globalForQueue.truthflowIngestQueue ??= createIngestQueue({
    write: storeWriter(),
    maxQueuedSpans: envInt('TRUTHFLOW_OTLP_MAX_QUEUED_SPANS', 50_000),
    maxBatchSpans: envInt('TRUTHFLOW_OTLP_BATCH_SPANS', 2_048),
    // The store pool has 10 connections; leave most of them to the dashboard's reads.
    writers: envInt('TRUTHFLOW_OTLP_WRITERS', 3),
  });
  return globalForQueue.truthflowIngestQueue;
}
