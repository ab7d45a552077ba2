-- Samples the collectors' buffer had to drop while the store was unreachable: how many, and the
-- time range they covered. Written once the store answers again; slices in that range without a
-- reading say why, and the overview reports the loss.
CREATE TABLE "sample_drops" (
    "id" BIGSERIAL NOT NULL,
    "recorded_at" TIMESTAMPTZ(6) NOT NULL,
    "from_ts" TIMESTAMPTZ(6) NOT NULL,
    "to_ts" TIMESTAMPTZ(6) NOT NULL,
    "samples" BIGINT NOT NULL,

    CONSTRAINT "sample_drops_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "sample_drops_to_ts_idx" ON "sample_drops"("to_ts");
