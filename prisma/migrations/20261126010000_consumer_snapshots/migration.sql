-- Latest snapshot per consumer group and per partition, rewritten by the kafka-lag collector on
-- every run. Time series of lag stay in samples (per group and topic); partition detail and
-- verdicts live here so the groups page can page and sort 10,000 groups server-side.

-- CreateTable
CREATE TABLE "consumer_groups" (
    "cluster" TEXT NOT NULL,
    "group_id" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "members" INTEGER NOT NULL,
    "topics" TEXT[],
    "lag_messages" BIGINT,
    "lag_seconds" DOUBLE PRECISION,
    "verdict" TEXT NOT NULL,
    "worst_partition" TEXT,
    "window_complete" DOUBLE PRECISION,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "consumer_groups_pkey" PRIMARY KEY ("cluster","group_id")
);

-- CreateIndex
CREATE INDEX "consumer_groups_cluster_lag_messages_idx" ON "consumer_groups"("cluster", "lag_messages");

-- CreateTable
CREATE TABLE "consumer_partitions" (
    "cluster" TEXT NOT NULL,
    "group_id" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "partition" INTEGER NOT NULL,
    "committed_offset" BIGINT,
    "end_offset" BIGINT NOT NULL,
    "lag_messages" BIGINT,
    "lag_seconds" DOUBLE PRECISION,
    "lag_seconds_kind" TEXT,
    "verdict" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "consumer_partitions_pkey" PRIMARY KEY ("cluster","group_id","topic","partition")
);
