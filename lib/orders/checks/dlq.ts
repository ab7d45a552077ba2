// Did this order land in a DLQ? A bounded scan of the DLQ topic's newest messages (never the whole
// topic), matching the order id as the message key, a header value, or a JSON string in the
// payload. Reads through lib/dlq/peek's throwaway group, which commits nothing and is deleted.
import type { IHeaders } from 'kafkajs';
import type { DlqConfig, KafkaSource } from '@/lib/config';
import { errorClassOf, headerBytes, UNKNOWN_ERROR_CLASS } from '@/lib/dlq/headers';
import { dlqError } from '@/lib/dlq/peek';
import { readRanges } from '@/lib/kafka/read-ranges';
import { clockTime } from '../words';
import { checkKafka, CHECK_TIMEOUT_MS } from './clients';
import type { CheckResult } from './types';

type Outcome = Pick<CheckResult, 'status' | 'summary' | 'phrase'>;

/** Newest messages scanned per lookup, across partitions: enough for a recent failure, cheap. */
export const DLQ_SCAN_LIMIT = 500;

export function mentions(orderId: string, key: Buffer | null, value: Buffer | null, headers: IHeaders): boolean {
  if (key?.toString('utf8') === orderId) return true;
  if (Object.keys(headers).some((name) => headerBytes(headers, name)?.toString('utf8') === orderId)) return true;
  // As a JSON string value, so "A-1" does not match inside "A-10".
  return value !== null && (value.includes(JSON.stringify(orderId)) || value.toString('utf8') === orderId);
}

export async function checkDlq(dlq: DlqConfig, source: KafkaSource, orderId: string): Promise<Outcome> {
  const kafka = checkKafka(source);
  const admin = kafka.admin();
  try {
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(dlq.topic);
    const perPartition = Math.max(1, Math.floor(DLQ_SCAN_LIMIT / Math.max(1, offsets.length)));
    const ranges = offsets.map((o) => ({
      partition: o.partition,
      from: Math.max(Number(o.low), Number(o.high) - perPartition),
      to: Number(o.high),
    }));
    const scanned = ranges.reduce((n, r) => n + r.to - r.from, 0);
    // Leave time for leaving and deleting the reader group within the check's own timeout.
    const read = await readRanges(kafka, admin, dlq.topic, ranges, { deadlineMs: CHECK_TIMEOUT_MS.dlq - 2_000 });
    const hits = read.messages.filter((m) => mentions(orderId, m.key, m.value, m.headers)).sort((a, b) => b.timestamp - a.timestamp);
    const partial = read.complete ? '' : ' (the scan stopped at its deadline)';
    if (hits.length === 0) {
      return {
        status: 'absent',
        summary: `No message with this id among the newest ${scanned} in ${dlq.topic}${partial}.`,
        phrase: `no message in DLQ ${dlq.topic}`,
      };
    }
    const newest = hits[0]!;
    const when = newest.timestamp > 0 ? ` ${clockTime(newest.timestamp * 1000)}` : '';
    // The newest hit that names its error: a payload-only match may carry no DLQ headers.
    const cls =
      hits.map((h) => errorClassOf(h.headers, dlq.errorClassHeader)).find((c) => c !== UNKNOWN_ERROR_CLASS) ?? UNKNOWN_ERROR_CLASS;
    const n = `${hits.length} message${hits.length === 1 ? '' : 's'}`;
    return {
      status: 'found',
      summary: `${n} with this id in ${dlq.topic}, newest${when} (error ${cls})${partial}.`,
      phrase: `${n} with this id in DLQ ${dlq.topic}, newest${when} (error ${cls})`,
    };
  } catch (error) {
    throw dlqError(error, dlq);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
