-- Stitching an order's timeline follows span links in both directions. Outgoing links are read
-- from the spans already fetched; incoming ones ("which traces link to this one?") need an index.
-- The linked trace ids get their own array column (filled at ingest from `links`) so that the
-- question is an array overlap on a GIN index, not a jsonb containment scan.

-- AlterTable
ALTER TABLE "spans" ADD COLUMN "linked_trace_ids" TEXT[] NOT NULL DEFAULT '{}';

-- CreateIndex
-- Partial: most spans link nowhere, and leaving them out keeps span ingest cheap. Prisma cannot
-- express a partial index, so it lives here only (queries repeat the predicate to use it).
CREATE INDEX "spans_linked_trace_ids_idx" ON "spans" USING GIN ("linked_trace_ids") WHERE cardinality("linked_trace_ids") > 0;
