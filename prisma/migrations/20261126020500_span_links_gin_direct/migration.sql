-- The reverse-link GIN index answers on the order lookup's path, so it must not keep a pending
-- list: with fastupdate on, every lookup scans up to gin_pending_list_limit (4 MB) of unsorted
-- entries, measured at ~3 ms per query with a million spans. Only spans with links are in this
-- partial index, so updating it directly costs ingest little.
ALTER INDEX "spans_linked_trace_ids_idx" SET (fastupdate = off);

-- Entries already pending (a store that ingested before this migration) are merged now.
SELECT gin_clean_pending_list('spans_linked_trace_ids_idx');
