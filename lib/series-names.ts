// Names of the time series the collectors write (the `metric` of a series) and the labels each
// carries. Collectors write them, the evaluator and the dashboard read them: one list, no typos.
// Labels are low-cardinality by rule: never an order id, never a message key.
export const SERIES = {
  /** {outbox, aggregate_type?} rows not yet published */
  outboxUnsentRows: 'outbox_unsent_rows',
  /** {outbox, aggregate_type?} now − oldest unsent created_at */
  outboxOldestUnsentAgeSeconds: 'outbox_oldest_unsent_age_seconds',
  /** {outbox} rows published per second since the previous run */
  outboxPublishedPerSecond: 'outbox_published_per_second',
  /** {outbox} bytes of WAL the CDC slot has not confirmed (delete-after-publish layout with a slot) */
  outboxReplicationSlotLagBytes: 'outbox_replication_slot_lag_bytes',

  /** {cluster, group, topic} sum of max(0, end − committed) over partitions with a commit */
  kafkaLagMessages: 'kafka_consumer_lag_messages',
  /** {cluster, group, topic} worst partition's lag in seconds */
  kafkaLagSeconds: 'kafka_consumer_lag_seconds',
  /** {cluster, group} */
  kafkaGroupMembers: 'kafka_consumer_group_members',
  /** {cluster, group, topic} partitions the group never committed on */
  kafkaPartitionsWithoutCommit: 'kafka_partitions_without_commit',

  /** {dlq} end − start summed over partitions */
  dlqDepthMessages: 'dlq_depth_messages',
  /** {dlq} messages that arrived per minute since the previous run */
  dlqInflowPerMinute: 'dlq_inflow_per_minute',
  /** {dlq} */
  dlqNewestAgeSeconds: 'dlq_newest_age_seconds',
  /** {dlq} */
  dlqOldestAgeSeconds: 'dlq_oldest_age_seconds',
  /** {dlq, error_class} newly arrived messages of that class in this run (sampled, bounded) */
  dlqErrorClassMessages: 'dlq_error_class_messages',

  /** {source, node} write thread-pool rejections per second (overload, 429) */
  searchWriteRejectionsPerSecond: 'search_write_rejections_per_second',
  /** {source, node} indexing operations per second (the denominator of rejection ratios) */
  searchIndexOpsPerSecond: 'search_index_ops_per_second',
  /** {source, node} failed indexing operations per second */
  searchIndexFailuresPerSecond: 'search_index_failures_per_second',
  /**
   * {source, node, kind} indexing-pressure rejections per second; kind: coordinating, primary, replica,
   * primary_document (Elasticsearch 8 only). Absent for a kind the server does not report.
   */
  searchPressureRejectionsPerSecond: 'search_indexing_pressure_rejections_per_second',
  /** {source, index} documents in a configured index */
  searchIndexDocCount: 'search_index_doc_count',

  /** {cdc, slot} 1 while a walsender streams from the slot, else 0 */
  cdcSlotActive: 'cdc_slot_active',
  /** {cdc, slot} current WAL LSN − confirmed_flush_lsn: changes the consumer has not confirmed */
  cdcSlotLagBytes: 'cdc_slot_lag_bytes',
  /** {cdc, slot} how long ago the WAL was at confirmed_flush_lsn (interpolated; docs/algorithms.md) */
  cdcLagSeconds: 'cdc_lag_seconds',
  /** {cdc, slot} current WAL LSN − restart_lsn: WAL the server keeps on disk for the slot */
  cdcWalRetainedBytes: 'cdc_wal_retained_bytes',
  /** {cdc, slot} bytes left before the slot loses WAL (only with max_slot_wal_keep_size set) */
  cdcSafeWalSizeBytes: 'cdc_safe_wal_size_bytes',
  /** {cdc, slot} wal_status as a level: 0 reserved, 1 extended, 2 unreserved, 3 lost */
  cdcWalStatusLevel: 'cdc_wal_status_level',
  /** {cdc, slot} seconds since the slot became inactive (PostgreSQL 17+; absent while active) */
  cdcSlotInactiveSeconds: 'cdc_slot_inactive_seconds',
  /** {cdc, slot} decoded transactions spilled to disk, bytes per second (logical_decoding_work_mem too small) */
  cdcSpillBytesPerSecond: 'cdc_spill_bytes_per_second',
  /** {cdc, slot} in-progress transactions streamed to the consumer, bytes per second */
  cdcStreamBytesPerSecond: 'cdc_stream_bytes_per_second',
  /** {cdc, slot, signal} 1 while the signal holds: stopped, unreserved, lost, safe-wal-low, missing */
  cdcSlotSignal: 'cdc_slot_signal',

  /** {cache} or {cache, node} keyspace hits ÷ (hits + misses) since the previous run */
  cacheHitRatio: 'cache_hit_ratio',
  /** {cache} or {cache, node} keys evicted by maxmemory per second */
  cacheEvictionsPerSecond: 'cache_evictions_per_second',
  /** {cache} or {cache, node} keys expired by TTL per second */
  cacheExpiredPerSecond: 'cache_expired_keys_per_second',
  /** {cache, node} used_memory in bytes */
  cacheMemoryUsedBytes: 'cache_memory_used_bytes',
  /** {cache, node} used_memory ÷ maxmemory (absent when maxmemory is 0, i.e. unlimited) */
  cacheMemoryUsedRatio: 'cache_memory_used_ratio',
  /** {cache, node} */
  cacheConnectedClients: 'cache_connected_clients',
  /** {cache, node} 1 when the node is a primary (master), 0 for a replica */
  cacheNodeIsPrimary: 'cache_node_is_primary',
  /** {cache, node} replicas only: 1 while master_link_status is up */
  cacheReplicationLinkUp: 'cache_replication_link_up',
  /** {cache, node, from, to} an event: 1 at the run that saw the node's role change (a failover) */
  cacheRoleChange: 'cache_role_change',
  /** {cache} nodes that answered ÷ nodes listed */
  cacheNodesUpRatio: 'cache_nodes_up_ratio',

  /** {watermark} now − the newest event time loaded into the warehouse-like table */
  watermarkLagSeconds: 'watermark_lag_seconds',
  /** {watermark} rows loaded with an event time older than the previous watermark, per minute */
  watermarkLateArrivalsPerMinute: 'watermark_late_arrivals_per_minute',

  /** {feature, slo} the SLI value the evaluator computed; one-minute slices are built from it */
  sloSliValue: 'slo_sli_value',
  /** {table} rows (or partitions) the retention job deleted in its last pass */
  retentionDeleted: 'truthflow_retention_deleted',
  /**
   * {feature, slo} 1 on every evaluation that could observe: the SLI was known, or it was unknown
   * although the hops' collectors had run (the monitored system gave nothing). A minute without
   * this marker is one in which Truthflow itself was not observing.
   */
  sloObserved: 'slo_observed',

  /** {reconciliation} 1 − (missing + stale) / source rows compared, per reconciliation run */
  reconcileCompleteness: 'reconcile_completeness',
  /** {reconciliation, reason} keys found missing, extra or stale (older than settle) in a run */
  reconcileMismatchedKeys: 'reconcile_mismatched_keys',
} as const;

export type SeriesName = (typeof SERIES)[keyof typeof SERIES];
