// Every job Truthflow runs, in two lists: collectors read the monitored systems, evaluators judge
// what the store holds. Adding a collector = one file beside this one + one line here; an
// evaluator = one file in evaluators/ + one line here. The runner treats both alike.
import type { WebhookNotifier } from '@/lib/alerts/webhooks';
import { dlqCollector } from './dlq';
import { createSloEvaluator } from './evaluators/slo';
import { indexingCollector } from './indexing';
import { kafkaLagCollector } from './kafka-lag';
import { outboxCollector } from './outbox';
import type { AnyCollector, AnyEvaluator } from './types';

export const registeredCollectors: readonly AnyCollector[] = [outboxCollector, kafkaLagCollector, dlqCollector, indexingCollector];

/** What evaluators need that comes from the process rather than the config. */
export interface EvaluatorDeps {
  notifier: WebhookNotifier;
}

export function registeredEvaluators(deps: EvaluatorDeps): AnyEvaluator[] {
  return [createSloEvaluator(deps.notifier)];
}
