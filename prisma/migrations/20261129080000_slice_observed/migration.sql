-- A minute in which Truthflow itself was not observing is not the monitored system's fault: it is
-- stored as not observed (excluded from budgets and burn rates) with the reason in words.
ALTER TABLE "slo_slices" ADD COLUMN "observed" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "slo_slices" ADD COLUMN "reason" TEXT;
