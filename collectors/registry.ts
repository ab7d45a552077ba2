// Every collector Truthflow runs, in one list. Adding a collector = one file + one line here.
import type { WebhookNotifier } from '@/lib/alerts/webhooks';
import { dlqCollector } from './dlq';
import { indexingCollector } from './indexing';
import { kafkaLagCollector } from './kafka-lag';
import { outboxCollector } from './outbox';
import { createSloEvaluator } from './slo-evaluator';
import type { AnyCollector } from './types';

export interface CollectorDeps {
  notifier: WebhookNotifier;
}

export function registeredCollectors(deps: CollectorDeps): AnyCollector[] {
  return [outboxCollector, kafkaLagCollector, dlqCollector, indexingCollector, createSloEvaluator(deps.notifier)];
}
