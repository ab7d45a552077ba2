// DLQ reads: the newest messages for the UI's peek, PII redacted before anything leaves the
// server, and the typed error for a failed DLQ call. The reading itself is lib/kafka/read-ranges.
import type { Admin, Kafka } from 'kafkajs';
import type { DlqConfig } from '@/lib/config';
import { TruthflowError } from '@/lib/errors';
import { isUnknownTopic, kafkaError } from '@/lib/kafka/errors';
import { readRanges, type ReadMessage } from '@/lib/kafka/read-ranges';
import { cleanText, dlqContextOf, headerBytes, type DlqContext } from './headers';
import { withLiveReadSlot } from './live-reads';
import { REDACTED, isPiiName, piiMatcher, redactPayload, scrubText, type ShownPayload } from './redact';

export const MAX_PEEK = 500;
/** Newest-N across partitions needs up to N per partition; this caps the whole read. */
const MAX_PEEK_READ = 2_000;
const MAX_HEADERS = 32;

/** A failed Kafka call on a DLQ as a typed error; a missing topic is a configuration problem. */
export function dlqError(error: unknown, dlq: Pick<DlqConfig, 'name' | 'source' | 'topic'>): TruthflowError {
  if (error instanceof TruthflowError) return error;
  if (isUnknownTopic(error))
    return new TruthflowError('config', `DLQ topic "${dlq.topic}" does not exist on cluster "${dlq.source}"`, { cause: error });
  return kafkaError(error, `DLQ "${dlq.name}" on cluster "${dlq.source}"`);
}

export interface PeekedMessage extends Omit<DlqContext, 'errorClassSource'> {
  partition: number;
  offset: string;
  /** ISO time of the record, or null when the producer set none. */
  timestamp: string | null;
  key: string | null;
  headers: Record<string, string>;
  payload: ShownPayload;
}

export interface DlqPeek {
  dlq: string;
  topic: string;
  messages: PeekedMessage[];
  complete: boolean;
  notes: string[];
}

/** Keys are often a customer or order id: shown redacted unless the DLQ's config says showKeys. */
function shownKey(m: ReadMessage, dlq: DlqConfig, scrub: (text: string | undefined) => string | undefined): string | null {
  if (!m.key) return null;
  return dlq.showKeys ? (scrub(cleanText(m.key.toString('utf8'), 200)) ?? null) : REDACTED;
}

function shown(m: ReadMessage, dlq: DlqConfig, matcher: ReturnType<typeof piiMatcher>): PeekedMessage {
  const { payload, removed } = redactPayload(m.value, matcher);
  const scrub = (text: string | undefined) => (text === undefined ? undefined : scrubText(text, matcher, removed));
  const headers: Record<string, string> = {};
  for (const name of Object.keys(m.headers).slice(0, MAX_HEADERS)) {
    const text = cleanText(headerBytes(m.headers, name)?.toString('utf8') ?? '', 256) ?? '';
    headers[name] = isPiiName(name, matcher) ? REDACTED : scrub(text)!;
  }
  const { errorClass, errorMessage, original } = dlqContextOf(m.headers, dlq.errorClassHeader);
  return {
    partition: m.partition,
    offset: String(m.offset),
    timestamp: m.timestamp > 0 ? new Date(m.timestamp).toISOString() : null,
    key: shownKey(m, dlq, scrub),
    errorClass: scrub(errorClass)!,
    errorMessage: scrub(errorMessage),
    original,
    headers,
    payload,
  };
}

/**
 * The newest `limit` messages of a DLQ across partitions, PII redacted, nothing committed. Runs
 * within the process-wide bound on live reads (./live-reads.ts); `signal` (the request's) cancels
 * a peek whose client has gone, waiting or reading.
 */
export function peekDlq(
  kafka: Kafka,
  dlq: DlqConfig,
  limit = dlq.peekLimit,
  opts: { admin?: Admin; timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<DlqPeek> {
  return withLiveReadSlot(() => readPeek(kafka, dlq, limit, opts), opts.signal).catch((error: unknown) => {
    throw dlqError(error, dlq);
  });
}

async function readPeek(
  kafka: Kafka,
  dlq: DlqConfig,
  limit = dlq.peekLimit,
  opts: { admin?: Admin; timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<DlqPeek> {
  const n = Math.max(1, Math.min(MAX_PEEK, Math.floor(limit)));
  const admin = opts.admin ?? kafka.admin();
  try {
    if (!opts.admin) await admin.connect();
    const offsets = await admin.fetchTopicOffsets(dlq.topic);
    const tails = offsets.map((o) => ({ partition: o.partition, end: Number(o.high), take: Math.min(n, Number(o.high) - Number(o.low)) }));
    const total = tails.reduce((s, t) => s + t.take, 0);
    const scale = total > MAX_PEEK_READ ? MAX_PEEK_READ / total : 1;
    const ranges = tails.map((t) => ({ partition: t.partition, from: t.end - Math.ceil(t.take * scale), to: t.end }));
    const read = await readRanges(kafka, admin, dlq.topic, ranges, { deadlineMs: opts.timeoutMs ?? 10_000, signal: opts.signal });
    const newest = read.messages.sort((a, b) => b.timestamp - a.timestamp || b.offset - a.offset).slice(0, n);
    const matcher = piiMatcher(dlq.piiFields, { detectValues: dlq.detectValues });
    const notes = [
      ...(read.complete ? [] : ['the read stopped early (deadline or size bound): some newer messages may be missing']),
      ...(scale < 1 ? [`too many partitions to read ${n} from each: read the newest ${MAX_PEEK_READ} in all`] : []),
    ];
    return { dlq: dlq.name, topic: dlq.topic, messages: newest.map((m) => shown(m, dlq, matcher)), complete: read.complete, notes };
  } catch (error) {
    throw dlqError(error, dlq);
  } finally {
    if (!opts.admin) await admin.disconnect().catch(() => undefined);
  }
}
