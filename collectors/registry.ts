// Every job Truthflow runs, in two lists: collectors read the monitored systems, evaluators judge
// what the store holds. Adding a collector = one file beside this one + one line here; an
// evaluator = one file in evaluators/ + one line here. The runner treats both alike.
import { cacheCollector } from './cache';
import { createAlertDeliveryJob } from './evaluators/alert-delivery';
import { dlqCollector } from './dlq';
import { reconcileEvaluator } from './evaluators/reconcile';
import { createRetentionEvaluator } from './evaluators/retention';
import { createSloEvaluator } from './evaluators/slo';
import { indexingCollector } from './indexing';
import { kafkaLagCollector } from './kafka-lag';
import { outboxCollector } from './outbox';
import { replicationSlotsCollector } from './replication-slots';
import type { AnyCollector, AnyEvaluator } from './types';
import { watermarkCollector } from './watermark';

export const registeredCollectors: readonly AnyCollector[] = [
  outboxCollector,
  kafkaLagCollector,
  dlqCollector,
  indexingCollector,
  replicationSlotsCollector,
  cacheCollector,
  watermarkCollector,
];

/** What evaluators need that comes from the process rather than the config. */
export interface EvaluatorDeps {
  /** Where alerts link to (generatorURL), from TRUTHFLOW_PUBLIC_URL. */
  dashboardUrl?: string;
  /** Retention prunes series; the sink forgets their cached ids. */
  forgetSeries?: (keys: string[]) => void;
}

export function registeredEvaluators(deps: EvaluatorDeps): AnyEvaluator[] {
  return [
    createSloEvaluator(),
    createAlertDeliveryJob({ dashboardUrl: deps.dashboardUrl }),
    reconcileEvaluator,
    createRetentionEvaluator({ forgetSeries: deps.forgetSeries }),
  ];
}
