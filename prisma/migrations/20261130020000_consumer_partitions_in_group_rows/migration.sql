-- A group's partitions move into its consumer_groups row, as arrays in topic/partition order.
-- A lag snapshot rewrites every row of its shard each run; at 50,000 groups × 4 partitions the
-- 200,000 consumer_partitions rows (heap tuple, two index entries and a dead tuple each per run)
-- cost more than the groups themselves. Partitions are only ever read with their group, so one
-- row per group holds everything the group page shows, and the snapshot is 50,000 rows.
-- NULL elements keep their meaning: no commit (committed offset, lag), no estimate (seconds, kind).
-- The index on (cluster, lag_messages) goes too: consumer_groups_cluster_lag_page_idx serves
-- every query it served, and each index is one more insert per group per run.

-- AlterTable
ALTER TABLE "consumer_groups" ADD COLUMN "partition_topics" TEXT[],
ADD COLUMN "partition_numbers" INTEGER[],
ADD COLUMN "committed_offsets" BIGINT[],
ADD COLUMN "end_offsets" BIGINT[],
ADD COLUMN "partition_lags" BIGINT[],
ADD COLUMN "partition_lag_seconds" DOUBLE PRECISION[],
ADD COLUMN "lag_seconds_kinds" TEXT[],
ADD COLUMN "partition_verdicts" TEXT[];

-- The snapshot as it stands survives the move (the next run rewrites it anyway).
UPDATE "consumer_groups" g
   SET "partition_topics" = p.topics,
       "partition_numbers" = p.numbers,
       "committed_offsets" = p.committed,
       "end_offsets" = p.ends,
       "partition_lags" = p.lags,
       "partition_lag_seconds" = p.seconds,
       "lag_seconds_kinds" = p.kinds,
       "partition_verdicts" = p.verdicts
  FROM (SELECT cluster, group_id,
               array_agg(topic ORDER BY topic, partition) AS topics,
               array_agg(partition ORDER BY topic, partition) AS numbers,
               array_agg(committed_offset ORDER BY topic, partition) AS committed,
               array_agg(end_offset ORDER BY topic, partition) AS ends,
               array_agg(lag_messages ORDER BY topic, partition) AS lags,
               array_agg(lag_seconds ORDER BY topic, partition) AS seconds,
               array_agg(lag_seconds_kind ORDER BY topic, partition) AS kinds,
               array_agg(verdict ORDER BY topic, partition) AS verdicts
          FROM "consumer_partitions" GROUP BY cluster, group_id) p
 WHERE g.cluster = p.cluster AND g.group_id = p.group_id;

-- DropTable
DROP TABLE "consumer_partitions";

-- DropIndex
DROP INDEX "consumer_groups_cluster_lag_messages_idx";
