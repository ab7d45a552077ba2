// The order view's data, shared by the JSON API and the page (plain JSON: it crosses into a client
// component). Times are microseconds since the epoch, as stored.
import type { SpanCore } from '@/lib/store/queries/spans';
import type { CheckResult } from './checks/types';

export interface TimelineSpan extends SpanCore {
  lane: string;
  attributes: Record<string, unknown>;
  events: unknown[];
  links: { traceId: string; spanId: string }[];
}

export interface Lane {
  name: string;
  /** In words: "Kafka topic order-events", "Postgres", "Search". */
  label: string;
  spanIds: string[];
}

/** One service's work in one trace: the unit between which queue time is measured. */
export interface Hop {
  service: string;
  traceId: string;
  startUs: number;
  endUs: number;
  spanIds: string[];
}

export interface Gap {
  startUs: number;
  endUs: number;
  /** "3.2 s in Kafka topic order-events". */
  label: string;
}

export interface Timeline {
  startUs: number;
  endUs: number;
  lanes: Lane[];
  hops: Hop[];
  gaps: Gap[];
}

export type HopKind = 'commit' | 'publish' | 'consume' | 'index';

export interface ExpectedHop {
  kind: HopKind;
  /** The config stage this hop belongs to (outbox, consumer or index name). */
  stage: string;
  label: string;
  observed: { spanId: string; atUs: number; failed: boolean; statusMessage: string | null } | null;
  /** Not observed, but a span shows it was tried and failed (a publish to a broker that is down). */
  failedAttempt: { spanId: string; atUs: number; statusMessage: string | null } | null;
}

export interface ExpectedPipeline {
  name: string;
  hops: ExpectedHop[];
  /** A span shows the change going to this pipeline's DLQ. */
  deadLettered: { dlq: string; topic: string; spanId: string; atUs: number } | null;
  /** The first hop not observed, in words ("committed in Postgres 14:02:11, never published: …"), or null. */
  firstMissing: { index: number; words: string } | null;
}

export interface OrderView {
  orderId: string;
  /** Some span carries the key, or a live check found the order. */
  found: boolean;
  keyNames: string[];
  matchedKeyNames: string[];
  spans: TimelineSpan[];
  timeline: Timeline;
  feature: { name: string; tier: number; reason: string } | null;
  pipelines: ExpectedPipeline[];
  checks: CheckResult[];
  truncated: boolean;
  generatedAt: string;
}
