-- Reconciliation runs and the mismatched keys each run found. A run row carries its counts, budget
-- use and the history cursor the next run continues from; the key sample is bounded per run and
-- reason (sampleSize), so the table grows with runs, not with the monitored tables.

-- CreateTable
CREATE TABLE "reconcile_runs" (
    "id" BIGSERIAL NOT NULL,
    "reconciliation" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(6) NOT NULL,
    "finished_at" TIMESTAMPTZ(6) NOT NULL,
    "window_from" TIMESTAMPTZ(6) NOT NULL,
    "cutoff" TIMESTAMPTZ(6) NOT NULL,
    "history_from" TIMESTAMPTZ(6),
    "history_to" TIMESTAMPTZ(6),
    "next_history_cursor" TIMESTAMPTZ(6),
    "source_rows" BIGINT NOT NULL,
    "target_rows" BIGINT NOT NULL,
    "missing" INTEGER NOT NULL,
    "extra" INTEGER NOT NULL,
    "stale" INTEGER NOT NULL,
    "pending_extra" INTEGER NOT NULL,
    "oldest_mismatch_at" TIMESTAMPTZ(6),
    "queries" INTEGER NOT NULL,
    "rows_fetched" BIGINT NOT NULL,
    "budget_queries" INTEGER NOT NULL,
    "budget_rows" BIGINT NOT NULL,
    "cut_short" BOOLEAN NOT NULL,
    "note" TEXT,
    "completeness" DOUBLE PRECISION,

    CONSTRAINT "reconcile_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "reconcile_runs_reconciliation_started_at_idx" ON "reconcile_runs"("reconciliation", "started_at");

-- CreateTable
CREATE TABLE "reconcile_mismatches" (
    "run_id" BIGINT NOT NULL,
    "key" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "source_version" TEXT,
    "target_version" TEXT,
    "since" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "reconcile_mismatches_pkey" PRIMARY KEY ("run_id","key")
);

-- AddForeignKey
ALTER TABLE "reconcile_mismatches" ADD CONSTRAINT "reconcile_mismatches_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "reconcile_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every DLQ message an admin redrove (or tried to): who, when, which DLQ offset, to which topic and
-- offset, and the result. Dry runs write nothing here: they change nothing.

-- CreateTable
CREATE TABLE "dlq_redrives" (
    "id" BIGSERIAL NOT NULL,
    "dlq" TEXT NOT NULL,
    "requested_by" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(6) NOT NULL,
    "source_topic" TEXT NOT NULL,
    "source_partition" INTEGER NOT NULL,
    "source_offset" BIGINT NOT NULL,
    "message_key" TEXT,
    "target_topic" TEXT,
    "target_partition" INTEGER,
    "target_offset" BIGINT,
    "redrive_count" INTEGER NOT NULL,
    "result" TEXT NOT NULL,
    "detail" TEXT,

    CONSTRAINT "dlq_redrives_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "dlq_redrives_dlq_requested_at_idx" ON "dlq_redrives"("dlq", "requested_at");

-- CreateIndex
CREATE INDEX "dlq_redrives_message_key_idx" ON "dlq_redrives"("message_key");
