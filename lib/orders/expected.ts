// The pipeline an order should have travelled (from config) against the spans that show it did.
// An outbox stage is two hops (committed in Postgres, published to Kafka), a consumer one, an
// index one; a DLQ is not a hop anyone expects, so it only shows up as "dead-lettered".
import type { ConsumerConfig, IndexConfig, OutboxConfig, PipelineConfig, TruthflowConfig } from '@/lib/config';
import type { CheckResult } from './checks/types';
import { touchesOutbox } from './feature';
import { describeFirstMissing } from './missing';
import type { ExpectedHop, ExpectedPipeline, HopKind, TimelineSpan } from './types';
import { topicOfLane } from './words';

const SPAN_KIND_PRODUCER = 4;
const SPAN_KIND_CONSUMER = 5;
const ERROR = 2;

const attr = (s: TimelineSpan, ...names: string[]) => names.map((n) => s.attributes[n]).find((v): v is string => typeof v === 'string');

/** An attribute absent says nothing; present, it must agree. */
const agrees = (value: string | undefined, expected: (v: string) => boolean) => value === undefined || expected(value);

const patternOf = (index: string) =>
  new RegExp(
    `^${index
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );

/**
 * A hop is observed by a span that did not fail; a failed commit, publish or index request means
 * the hop did not happen and is kept as a failed attempt. A failed consume span still shows the
 * message arrived (processing failed), so it counts, marked failed.
 */
function hop(kind: HopKind, stage: string, label: string, candidates: readonly TimelineSpan[], at: 'start' | 'end'): ExpectedHop {
  const time = (s: TimelineSpan) => (at === 'start' ? s.startUs : s.endUs);
  const span = kind === 'consume' ? candidates[0] : candidates.find((s) => s.statusCode !== ERROR);
  const failed = span ? undefined : candidates.find((s) => s.statusCode === ERROR);
  return {
    kind,
    stage,
    label,
    observed: span ? { spanId: span.spanId, atUs: time(span), failed: span.statusCode === ERROR, statusMessage: span.statusMessage } : null,
    failedAttempt: failed ? { spanId: failed.spanId, atUs: time(failed), statusMessage: failed.statusMessage } : null,
  };
}

const preferring = (spans: TimelineSpan[], wanted: (s: TimelineSpan) => boolean) => {
  const preferred = spans.filter(wanted);
  return preferred.length ? preferred : spans;
};

function outboxHops(outbox: OutboxConfig, next: ConsumerConfig | undefined, spans: readonly TimelineSpan[]): ExpectedHop[] {
  const postgres = spans.filter((s) => s.lane === 'postgres' || s.lane === outbox.name);
  const committed = preferring(postgres, (s) => touchesOutbox(s, outbox));
  const producers = preferring(
    spans.filter((s) => s.kind === SPAN_KIND_PRODUCER && s.lane.startsWith('kafka')),
    (s) => next?.topics.includes(topicOfLane(s.lane) ?? '') ?? false,
  );
  const published = producers[0];
  const topic = (published && topicOfLane(published.lane)) ?? (next?.topics.length === 1 ? next.topics[0] : undefined);
  return [
    hop('commit', outbox.name, `committed in Postgres (outbox ${outbox.name})`, committed, 'end'),
    hop('publish', outbox.name, `published to Kafka${topic ? ` topic ${topic}` : ''}`, producers, 'end'),
  ];
}

function consumerHop(consumer: ConsumerConfig, spans: readonly TimelineSpan[]): ExpectedHop {
  const consumed = spans.filter(
    (s) =>
      s.lane === consumer.name ||
      (s.kind === SPAN_KIND_CONSUMER &&
        consumer.topics.includes(topicOfLane(s.lane) ?? '') &&
        agrees(attr(s, 'messaging.consumer.group.name', 'messaging.kafka.consumer.group'), (g) => g === consumer.group)),
  );
  return hop('consume', consumer.name, `consumed by ${consumer.name} (group ${consumer.group})`, consumed, 'start');
}

function indexHop(index: IndexConfig, spans: readonly TimelineSpan[]): ExpectedHop {
  const pattern = patternOf(index.index);
  const indexed = spans.filter(
    (s) =>
      s.lane === index.name ||
      (s.lane === 'search' &&
        agrees(attr(s, 'db.collection.name', 'db.namespace', 'db.elasticsearch.path_parts.index'), (i) => pattern.test(i))),
  );
  return hop('index', index.name, `indexed in ${index.index}`, indexed, 'end');
}

export function expectedPipeline(
  config: TruthflowConfig,
  pipeline: PipelineConfig,
  spans: readonly TimelineSpan[],
  checks: readonly CheckResult[],
): ExpectedPipeline {
  const hops: ExpectedHop[] = [];
  let deadLettered: ExpectedPipeline['deadLettered'] = null;
  pipeline.stages.forEach((stage, i) => {
    if (stage.kind === 'outbox') {
      const outbox = config.outboxes.find((o) => o.name === stage.name);
      const nextStage = pipeline.stages[i + 1];
      const next = nextStage?.kind === 'consumer' ? config.consumers.find((c) => c.name === nextStage.name) : undefined;
      if (outbox) hops.push(...outboxHops(outbox, next, spans));
    } else if (stage.kind === 'consumer') {
      const consumer = config.consumers.find((c) => c.name === stage.name);
      if (consumer) hops.push(consumerHop(consumer, spans));
    } else if (stage.kind === 'index') {
      const index = config.indexes.find((x) => x.name === stage.name);
      if (index) hops.push(indexHop(index, spans));
    } else {
      const dlq = config.dlqs.find((d) => d.name === stage.name);
      const sent = dlq && spans.find((s) => s.lane === dlq.name || (s.kind === SPAN_KIND_PRODUCER && topicOfLane(s.lane) === dlq.topic));
      if (dlq && sent) deadLettered = { dlq: dlq.name, topic: dlq.topic, spanId: sent.spanId, atUs: sent.startUs };
    }
  });
  return { name: pipeline.name, hops, deadLettered, firstMissing: describeFirstMissing(hops, deadLettered, checks) };
}

export function expectedPipelines(
  config: TruthflowConfig,
  pipelineNames: readonly string[],
  spans: readonly TimelineSpan[],
  checks: readonly CheckResult[],
): ExpectedPipeline[] {
  return pipelineNames
    .map((name) => config.pipelines.find((p) => p.name === name))
    .filter((p): p is PipelineConfig => p !== undefined)
    .map((p) => expectedPipeline(config, p, spans, checks));
}
