-- Why an SLO is not ok (lib/slo/cause.ts): stored with its state and with each alert it fires.
ALTER TABLE "slo_state" ADD COLUMN "cause" JSONB;
ALTER TABLE "alerts" ADD COLUMN "cause" JSONB;

-- Signal episodes per hop (stalled, backlog_growing, threshold, ...): the feature page's incident
-- timeline. An episode is open while it keeps being seen; it ended at last_seen_at once it is not.
CREATE TABLE "hop_signals" (
    "hop_kind" TEXT NOT NULL,
    "hop_name" TEXT NOT NULL,
    "signal" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(6) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(6) NOT NULL,
    "words" TEXT NOT NULL,

    CONSTRAINT "hop_signals_pkey" PRIMARY KEY ("hop_kind","hop_name","signal","started_at")
);

CREATE INDEX "hop_signals_last_seen_at_idx" ON "hop_signals"("last_seen_at");
