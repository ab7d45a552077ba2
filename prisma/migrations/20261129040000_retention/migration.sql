-- Retention (collectors/evaluators/retention.ts): partitions created around the job's own clock,
-- an index that keeps slice deletion in bounded batches cheap, and the heartbeat's report of how
-- late the most overdue job is (/api/health turns 503 when jobs stall while the process lives).

-- Creates the daily sample partitions covering [first_day, last_day]. Idempotent. A day whose rows
-- already sit in samples_default cannot get its own partition (PostgreSQL refuses): it is skipped,
-- its rows stay in the default partition and retention deletes them in batches instead.
CREATE OR REPLACE FUNCTION truthflow_ensure_sample_partitions_between(first_day DATE, last_day DATE)
RETURNS INT LANGUAGE plpgsql AS $$
DECLARE
    day DATE;
    created INT := 0;
    part TEXT;
BEGIN
    FOR day IN SELECT generate_series(first_day, last_day, interval '1 day')::date LOOP
        part := format('samples_%s', to_char(day, 'YYYYMMDD'));
        IF to_regclass(format('%I', part)) IS NULL THEN
            BEGIN
                EXECUTE format('CREATE TABLE %I PARTITION OF "samples" FOR VALUES FROM (%L) TO (%L)',
                               part, day::timestamptz, (day + 1)::timestamptz);
                created := created + 1;
            EXCEPTION WHEN check_violation THEN
                NULL;
            END;
        END IF;
    END LOOP;
    RETURN created;
END;
$$;

-- CreateIndex
CREATE INDEX "slo_slices_slice_start_idx" ON "slo_slices"("slice_start");

-- AlterTable
ALTER TABLE "collector_heartbeats" ADD COLUMN "overdue_seconds" DOUBLE PRECISION;
