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
  /** {source, index} documents in a configured index */
  searchIndexDocCount: 'search_index_doc_count',

  /** {feature, slo} the SLI value the evaluator computed; one-minute slices are built from it */
  sloSliValue: 'slo_sli_value',
} as const;

export type SeriesName = (typeof SERIES)[keyof typeof SERIES];
