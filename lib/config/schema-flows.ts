import { z } from 'zod';
import { column, indexName, int, name, num, obj, table, text, topic } from './fields';
import { redriveSchema } from './schema-redrive';

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
  /** E-mail addresses and card numbers (Luhn-checked) are redacted wherever they appear, unless false. */
  detectValues: z.boolean().default(true),
  /** Message keys are shown redacted (they often are a customer or order id) unless true. */
  showKeys: z.boolean().default(false),
  peekLimit: int(1, 500).default(20),
  /** Opt-in: admins may send dead letters back to their original topic. */
  redrive: redriveSchema.optional(),
});

export const indexSchema = obj({
  ...base,
  index: indexName(),
});

/** Logical replication slots (CDC, e.g. Debezium) on a postgres source: all logical slots when none are named. */
export const cdcSchema = obj({
  ...base,
  slots: z.array(z.string().regex(/^[a-z0-9_]{1,63}$/, { error: 'expected a slot name of lowercase letters, digits and "_"' })).optional(),
  /** safe_wal_size below this many bytes flags the slot: it will be invalidated (lost) soon. */
  safeWalSizeMinBytes: num(z.number().int().min(0)).default(1024 * 1024 * 1024),
});

/** A redis source watched as a cache: role, replication link, evictions, hit ratio, memory. */
export const cacheSchema = obj({ ...base });

/**
 * How far a warehouse-like table trails the system of record: max(event time) of the loaded rows,
 * or a watermark table the loader writes (one row per loader, picked by a key column).
 */
export const watermarkSchema = obj({
  ...base,
  table: table(),
  /** The event-time column of the loaded rows, or the watermark column of the loader's table. */
  eventTimeColumn: column(),
  /** For a watermark table: the column naming the loader, and this loader's value (bound, not spliced). */
  keyColumn: column().optional(),
  key: text().optional(),
  /** When the rows carry their load time: late arrivals (event time older than the previous watermark) per minute. */
  loadedAtColumn: column().optional(),
}).superRefine((w, ctx) => {
  if ((w.keyColumn === undefined) !== (w.key === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['key'], input: w, message: 'expected keyColumn and key together, found only one of them' });
  }
});

export const STAGE_KINDS = ['outbox', 'consumer', 'dlq', 'index', 'cdc', 'cache', 'watermark'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/** In the file a stage is `{ outbox: name }`, `{ consumer: name }`, …; parsed it is `{ kind, name }`. */
const stageSchema = obj({
  outbox: name().optional(),
  consumer: name().optional(),
  dlq: name().optional(),
  index: name().optional(),
  cdc: name().optional(),
  cache: name().optional(),
  watermark: name().optional(),
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
export type CdcConfig = z.output<typeof cdcSchema>;
export type CacheConfig = z.output<typeof cacheSchema>;
export type WatermarkConfig = z.output<typeof watermarkSchema>;
export type StageConfig = z.output<typeof stageSchema>;
export type PipelineConfig = z.output<typeof pipelineSchema>;
