-- Alert deliveries: an outbox of Truthflow's own. Each alert transition is written here, in the
-- same transaction as the alert row, once per configured webhook; the alert-delivery job sends
-- them with backoff until they succeed, across restarts, without ever blocking the evaluator.
CREATE TABLE "alert_deliveries" (
    "id" BIGSERIAL NOT NULL,
    "alert_id" BIGINT NOT NULL,
    "webhook" TEXT NOT NULL,
    -- firing | resolved
    "transition" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL,
    "next_attempt_at" TIMESTAMPTZ(6) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_attempt_at" TIMESTAMPTZ(6),
    "last_error" TEXT,
    "failing_since" TIMESTAMPTZ(6),
    -- The last successful send (an Alertmanager firing delivery is sent again while it fires).
    "sent_at" TIMESTAMPTZ(6),
    -- Set when nothing more will be sent: delivered, superseded by the resolve, or given up.
    "closed_at" TIMESTAMPTZ(6),
    "closed_reason" TEXT,

    CONSTRAINT "alert_deliveries_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "alert_deliveries_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "alert_deliveries_due_idx" ON "alert_deliveries"("webhook", "next_attempt_at") WHERE "closed_at" IS NULL;
CREATE INDEX "alert_deliveries_alert_id_idx" ON "alert_deliveries"("alert_id");
