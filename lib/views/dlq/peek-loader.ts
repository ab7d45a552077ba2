// An on-demand peek at a DLQ's newest messages, PII redacted by lib/dlq/peek.ts before anything
// leaves the server. Reads the monitored cluster (a throwaway consumer group, nothing committed),
// so the API allows it to admins only and the page never polls it.
import 'server-only';
import { Kafka } from 'kafkajs';
import type { KafkaSource } from '../../config';
import { peekDlq } from '../../dlq/peek';
import { serverConfig } from '../../server-config';
import { kafkaConfigFor } from '../../sources/connections';
import type { DlqPeekView } from './schema';

/** A peek waits at most this long for the cluster; the page then says what it could not read. */
export const PEEK_TIMEOUT_MS = 10_000;

export type PeekOutcome = { kind: 'ok'; peek: DlqPeekView } | { kind: 'not_found'; message: string };

/** Throws the TruthflowError peekDlq throws (kind network, timeout, auth, config…) when the cluster fails. */
export async function peekConfiguredDlq(name: string, limit: number | undefined, signal?: AbortSignal): Promise<PeekOutcome> {
  const config = serverConfig();
  const dlq = config.dlqs.find((d) => d.name === name);
  if (!dlq) return { kind: 'not_found', message: `no DLQ named ${name} in the config` };
  const source = config.sources[dlq.source] as KafkaSource; // refs.ts checked it is a kafka source
  const kafka = new Kafka(kafkaConfigFor(source, PEEK_TIMEOUT_MS));
  const peek = await peekDlq(kafka, dlq, limit ?? dlq.peekLimit, { timeoutMs: PEEK_TIMEOUT_MS, signal });
  return { kind: 'ok', peek: { ...peek, peekedAt: new Date().toISOString() } };
}
