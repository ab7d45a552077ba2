-- Reverse links get their own narrow table, keyed by the linked trace id. The partial GIN index on
-- spans.linked_trace_ids answered "which traces link to T?" only when the planner chose it: at
-- millions of spans it preferred walking spans_pkey in order for DISTINCT … LIMIT and filtered the
-- array overlap row by row (tens of seconds). A btree keyed (linked_trace_id, trace_id) leaves no
-- such choice: every question is an equality on the index's leading column. The column on spans
-- stays (the outgoing links of spans already fetched are read from it); its GIN index goes, which
-- also takes the index's upkeep off span ingest.

-- CreateTable
CREATE TABLE "span_links" (
    "linked_trace_id" CHAR(32) NOT NULL,
    "trace_id" CHAR(32) NOT NULL,
    "span_id" CHAR(16) NOT NULL,

    CONSTRAINT "span_links_pkey" PRIMARY KEY ("linked_trace_id","trace_id","span_id")
);

-- CreateIndex
-- Retention deletes a span's links by the span's id, as it does its span_keys rows.
CREATE INDEX "span_links_trace_id_idx" ON "span_links"("trace_id");

-- Backfill: one row per (linked trace, linking span). Trace ids that are not 32 characters were
-- never written by the receiver (it checks ids); they are skipped rather than failing the migration.
INSERT INTO "span_links" ("linked_trace_id", "trace_id", "span_id")
SELECT DISTINCT l.linked, s."trace_id", s."span_id"
  FROM "spans" s CROSS JOIN LATERAL unnest(s."linked_trace_ids") AS l(linked)
 WHERE cardinality(s."linked_trace_ids") > 0 AND length(l.linked) = 32;

-- DropIndex
DROP INDEX IF EXISTS "spans_linked_trace_ids_idx";
