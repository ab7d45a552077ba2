import { z } from 'zod';
import { column, indexName, int, name, obj, table, text, topic } from './fields';

// Stages (outboxes, consumers, DLQs, indexes) and the pipelines that order them. Which source a
// stage names, and which stages a pipeline names, is checked in refs.ts against the whole file.

const base = { name: name(), source: name() };

// Column names default to the two layouts in the wild (docs/algorithms.md "The two outbox
// layouts"); each can be overridden for tables that spell them differently.
const MARKED_SENT = z.literal('marked-sent');
const DELETE_AFTER_PUBLISH = z.literal('delete-after-publish');
/** The two outbox layouts, for schemas outside the config (the outbox page's). */
export const OUTBOX_LAYOUTS = [MARKED_SENT.value, DELETE_AFTER_PUBLISH.value] as const;

const markedSent = obj({
  ...base,
  table: table(),
  layout: MARKED_SENT,
  columns: obj({
    id: column().default('id'),
    aggregateType: column().default('aggregate_type'),
    aggregateId: column().default('aggregate_id'),
    createdAt: column().default('created_at'),
    sentAt: column().default('sent_at'),
  }).prefault({}),
});

const deleteAfterPublish = obj({
  ...base,
  table: table(),
  layout: DELETE_AFTER_PUBLISH,
  columns: obj({
    id: column().default('id'),
    aggregateType: column().default('aggregatetype'),
    aggregateId: column().default('aggregateid'),
    /** Optional: without it the oldest unsent age is unknown, only the backlog count is measured. */
    createdAt: column().optional(),
  }).prefault({}),
  /** With CDC (Debezium) rows vanish at once; the replication slot's lag is the real backlog. */
  replicationSlot: column().optional(),
});

export const outboxSchema = z.discriminatedUnion('layout', [markedSent, deleteAfterPublish]);

export const consumerSchema = obj({
  ...base,
  group: text(),
  topics: z.array(topic()).min(1),
});

export const dlqSchema = obj({
  ...base,
  topic: topic(),
  /** Header holding the exception class, when neither Spring nor Kafka Connect names are used. */
  errorClassHeader: text().optional(),
  /** Payload fields (dotted paths) replaced by "[redacted]" before a message is shown. */
  piiFields: z.array(text()).default([]),
  peekLimit: int(1, 500).default(20),
});

export const indexSchema = obj({
  ...base,
  index: indexName(),
});

export const STAGE_KINDS = ['outbox', 'consumer', 'dlq', 'index'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/** In the file a stage is `{ outbox: name }`, `{ consumer: name }`, …; parsed it is `{ kind, name }`. */
const stageSchema = obj({
  outbox: name().optional(),
  consumer: name().optional(),
  dlq: name().optional(),
  index: name().optional(),
}).transform((s, ctx): { kind: StageKind; name: string } => {
  if (ctx.issues.length) return z.NEVER; // an unknown field already explains what is wrong
  const present = STAGE_KINDS.filter((k) => s[k] !== undefined);
  const [kind] = present;
  if (present.length === 1 && kind) return { kind, name: s[kind]! };
  const found = present.length ? `found ${present.join(' and ')}` : 'found none';
  ctx.issues.push({ code: 'custom', input: s, message: `expected exactly one of ${STAGE_KINDS.join(', ')}, ${found}` });
  return z.NEVER;
});

export const pipelineSchema = obj({
  name: name(),
  description: text().optional(),
  /** The postgres source holding the truth; the pipeline's outbox stages must live there. */
  systemOfRecord: name(),
  stages: z.array(stageSchema).min(1),
});

export type OutboxConfig = z.output<typeof outboxSchema>;
export type ConsumerConfig = z.output<typeof consumerSchema>;
export type DlqConfig = z.output<typeof dlqSchema>;
export type IndexConfig = z.output<typeof indexSchema>;
export type StageConfig = z.output<typeof stageSchema>;
export type PipelineConfig = z.output<typeof pipelineSchema>;
