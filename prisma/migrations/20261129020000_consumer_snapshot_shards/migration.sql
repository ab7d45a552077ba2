-- Lag shards: a big cluster's groups are split by a hash of the group id into `shards` jobs, each
-- replacing only its own rows of the snapshot. Every row says which shard wrote it (0 of 1 for an
-- unsharded cluster), so a shard's run deletes its vanished groups by index, not by rescanning the
-- whole cluster, and rows of an earlier shard count can be told apart and removed.

-- AlterTable
ALTER TABLE "consumer_groups" ADD COLUMN "shard" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "shards" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "consumer_partitions" ADD COLUMN "shard" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "shards" INTEGER NOT NULL DEFAULT 1;

-- CreateIndex
CREATE INDEX "consumer_groups_cluster_shards_shard_idx" ON "consumer_groups"("cluster", "shards", "shard");

-- CreateIndex
CREATE INDEX "consumer_partitions_cluster_shards_shard_idx" ON "consumer_partitions"("cluster", "shards", "shard");
