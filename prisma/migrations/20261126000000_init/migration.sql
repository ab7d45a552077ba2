-- Truthflow store, first version. Tables Prisma can describe are written as `prisma migrate diff`
-- would; partitioning, BRIN and the partition helper are raw SQL Prisma cannot express.

-- CreateTable
CREATE TABLE "series" (
    "id" BIGSERIAL NOT NULL,
    "metric" TEXT NOT NULL,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "series_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "series_metric_labels_key" ON "series"("metric", "labels");

-- Samples: range-partitioned by day so retention drops whole partitions (raw SQL: Prisma cannot say it).
CREATE TABLE "samples" (
    "series_id" BIGINT NOT NULL,
    "ts" TIMESTAMPTZ(6) NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "samples_pkey" PRIMARY KEY ("series_id", "ts")
) PARTITION BY RANGE ("ts");

-- Rows outside every daily partition land here instead of failing the whole batch.
CREATE TABLE "samples_default" PARTITION OF "samples" DEFAULT;

-- BRIN on time: tiny, and samples arrive in time order.
CREATE INDEX "samples_ts_brin" ON "samples" USING BRIN ("ts");

-- Creates the daily partitions covering [today - days_back, today + days_ahead]. Idempotent;
-- called by the migration and by the collectors process once a day.
CREATE OR REPLACE FUNCTION truthflow_ensure_sample_partitions(days_back INT DEFAULT 1, days_ahead INT DEFAULT 7)
RETURNS INT LANGUAGE plpgsql AS $$
DECLARE
    day DATE;
    created INT := 0;
    part TEXT;
BEGIN
    FOR day IN SELECT generate_series(current_date - days_back, current_date + days_ahead, interval '1 day')::date LOOP
        part := format('samples_%s', to_char(day, 'YYYYMMDD'));
        IF to_regclass(format('%I', part)) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF "samples" FOR VALUES FROM (%L) TO (%L)',
                           part, day::timestamptz, (day + 1)::timestamptz);
            created := created + 1;
        END IF;
    END LOOP;
    RETURN created;
END;
$$;

SELECT truthflow_ensure_sample_partitions(1, 7);

-- CreateTable
CREATE TABLE "scrape_status" (
    "collector" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "last_attempt_at" TIMESTAMPTZ(6),
    "last_success_at" TIMESTAMPTZ(6),
    "last_error_at" TIMESTAMPTZ(6),
    "last_error_kind" TEXT,
    "last_error_message" TEXT,
    "last_duration_ms" INTEGER,
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "notes" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "scrape_status_pkey" PRIMARY KEY ("collector","source")
);

-- CreateTable
CREATE TABLE "collector_heartbeats" (
    "process_id" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "version" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(6) NOT NULL,
    "beat_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "collector_heartbeats_pkey" PRIMARY KEY ("process_id")
);

-- CreateIndex
CREATE INDEX "collector_heartbeats_beat_at_idx" ON "collector_heartbeats"("beat_at");

-- CreateTable
CREATE TABLE "spans" (
    "trace_id" CHAR(32) NOT NULL,
    "span_id" CHAR(16) NOT NULL,
    "parent_span_id" CHAR(16),
    "name" TEXT NOT NULL,
    "kind" SMALLINT NOT NULL,
    "service_name" TEXT NOT NULL,
    "start_time" TIMESTAMPTZ(6) NOT NULL,
    "end_time" TIMESTAMPTZ(6) NOT NULL,
    "status_code" SMALLINT NOT NULL DEFAULT 0,
    "status_message" TEXT,
    "stage" TEXT,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "resource" JSONB NOT NULL DEFAULT '{}',
    "events" JSONB NOT NULL DEFAULT '[]',
    "links" JSONB NOT NULL DEFAULT '[]',
    "received_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "spans_pkey" PRIMARY KEY ("trace_id","span_id")
);

-- CreateIndex
CREATE INDEX "spans_start_time_idx" ON "spans"("start_time");

-- CreateTable
CREATE TABLE "span_keys" (
    "key_name" TEXT NOT NULL,
    "key_value" TEXT NOT NULL,
    "trace_id" CHAR(32) NOT NULL,
    "span_id" CHAR(16) NOT NULL,
    "ts" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "span_keys_pkey" PRIMARY KEY ("key_value","key_name","trace_id","span_id")
);

-- CreateIndex
CREATE INDEX "span_keys_trace_id_idx" ON "span_keys"("trace_id");

-- CreateTable
CREATE TABLE "slo_state" (
    "feature" TEXT NOT NULL,
    "slo" TEXT NOT NULL,
    "tier" SMALLINT NOT NULL,
    "status" TEXT NOT NULL,
    "sli_value" DOUBLE PRECISION,
    "budget_remaining" DOUBLE PRECISION,
    "burn_rates" JSONB NOT NULL DEFAULT '{}',
    "exhaustion_at" TIMESTAMPTZ(6),
    "evaluated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "slo_state_pkey" PRIMARY KEY ("feature","slo")
);

-- CreateTable
CREATE TABLE "slo_slices" (
    "feature" TEXT NOT NULL,
    "slo" TEXT NOT NULL,
    "slice_start" TIMESTAMPTZ(6) NOT NULL,
    "good" BOOLEAN NOT NULL,
    "no_data" BOOLEAN NOT NULL DEFAULT false,
    "sli_value" DOUBLE PRECISION,

    CONSTRAINT "slo_slices_pkey" PRIMARY KEY ("feature","slo","slice_start")
);

-- CreateTable
CREATE TABLE "alerts" (
    "id" BIGSERIAL NOT NULL,
    "feature" TEXT NOT NULL,
    "slo" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "fired_at" TIMESTAMPTZ(6) NOT NULL,
    "resolved_at" TIMESTAMPTZ(6),
    "burn_long" DOUBLE PRECISION,
    "burn_short" DOUBLE PRECISION,
    "summary" TEXT NOT NULL,
    "notified_at" TIMESTAMPTZ(6),

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "alerts_feature_slo_rule_state_idx" ON "alerts"("feature", "slo", "rule", "state");

-- CreateIndex
CREATE INDEX "alerts_fired_at_idx" ON "alerts"("fired_at");
