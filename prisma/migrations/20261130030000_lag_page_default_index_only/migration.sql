-- Every lag snapshot rewrites every consumer_groups row, and each index is one more insert per
-- group per run: at 50,000 groups the four page indexes below cost about a second of every
-- snapshot's write, more than the page gains from them. Measured with `npm run bench:lag` once
-- partitions moved into the group rows: the page's p95 over its views was 110 ms with all five
-- page indexes and 117 ms with none (goal 300 ms), because counting the groups per verdict reads
-- every row either way. The default view (all clusters, most lag first) keeps its index; the
-- other sorts and filters sort the matching rows (a top-N sort of 50,000 rows is tens of ms).

-- DropIndex
DROP INDEX "consumer_groups_cluster_lag_page_idx";

-- DropIndex
DROP INDEX "consumer_groups_verdict_lag_page_idx";

-- DropIndex
DROP INDEX "consumer_groups_lag_seconds_page_idx";

-- DropIndex
DROP INDEX "consumer_groups_group_page_idx";
