-- The /lag page pages 50,000 groups sorted by lag (its default), by lag seconds or by name, over
-- every cluster or one, and filtered by verdict. Each of these indexes matches one ORDER BY of
-- lib/store/queries/consumer-snapshots.ts column for column (NULLS LAST included), so a page is an
-- index scan that stops after LIMIT + OFFSET rows instead of sorting every group per request.
-- A cluster filter is an equality, so the cluster-first index serves the same orders with it.

-- CreateIndex
CREATE INDEX "consumer_groups_lag_page_idx" ON "consumer_groups"("lag_messages" DESC NULLS LAST, "cluster", "group_id");

-- CreateIndex
CREATE INDEX "consumer_groups_cluster_lag_page_idx" ON "consumer_groups"("cluster", "lag_messages" DESC NULLS LAST, "group_id");

-- CreateIndex
CREATE INDEX "consumer_groups_verdict_lag_page_idx" ON "consumer_groups"("verdict", "lag_messages" DESC NULLS LAST, "cluster", "group_id");

-- CreateIndex
CREATE INDEX "consumer_groups_lag_seconds_page_idx" ON "consumer_groups"("lag_seconds" DESC NULLS LAST, "cluster", "group_id");

-- CreateIndex
CREATE INDEX "consumer_groups_group_page_idx" ON "consumer_groups"("group_id", "cluster");
