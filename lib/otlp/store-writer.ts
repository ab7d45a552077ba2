// Writes one ingest batch: spans, their business keys and their reverse links in one transaction,
// so a lookup never finds a key or a link whose span is not there yet. COPY first (the cheapest
// way in); a batch COPY refuses (a retried export repeats a stored span, or a value COPY reads
// differently) is written again with INSERT … ON CONFLICT DO NOTHING, which keeps the first copy
// of a span and reports bad data exactly as before.
import type pg from 'pg';
import { withTransaction } from '@/lib/sql/transaction';
import { storePool } from '@/lib/store/pool';
import { copySpanBatch } from '@/lib/store/queries/span-copy';
import { insertSpanKeys } from '@/lib/store/queries/span-keys';
import { insertSpanLinks } from '@/lib/store/queries/span-links';
import { insertSpans } from '@/lib/store/queries/spans';
import { createIngestQueue, isDataError, type IngestBatch, type IngestQueue, type WriteBatch } from './ingest';

// Only a data error (SQLSTATE class 22/23) leaves the connection known-good; after anything else
// it is closed rather than handed to the next request.
const TRANSACTION = { discardOn: (error: unknown) => !isDataError(error) };

async function insertBatch(client: pg.PoolClient, { spans, keys }: IngestBatch): Promise<void> {
  await insertSpans(spans, client);
  await insertSpanKeys(keys, client);
  await insertSpanLinks(spans, client);
}

export function storeWriter(pool: () => pg.Pool = storePool): WriteBatch {
  return async (batch) => {
    try {
      await withTransaction(pool(), (client) => copySpanBatch(client, batch.spans, batch.keys), TRANSACTION);
    } catch (error) {
      if (!isDataError(error)) throw error;
      await withTransaction(pool(), (client) => insertBatch(client, batch), TRANSACTION);
    }
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
