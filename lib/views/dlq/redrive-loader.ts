// The dashboard side of a DLQ redrive: finds the DLQ and checks redrive is enabled for it (a DLQ
// without it has no redrive API at all: 404), runs the redrive against the monitored cluster, and
// writes one audit row per message for a real run. One redrive per DLQ at a time in this process,
// so two clicks cannot send the same messages twice.
import 'server-only';
import { Kafka } from 'kafkajs';
import type { KafkaSource } from '../../config';
import type { Caller } from '../../auth/guard';
import { redriveDlq } from '../../dlq/redrive';
import { serverConfig } from '../../server-config';
import { kafkaConfigFor } from '../../sources/connections';
import { insertDlqRedrives, listDlqRedrives } from '../../store/queries/dlq-redrives';
import type { RedriveAuditView, RedriveOutcomeView, RedriveRequest } from './redrive-schema';

export const REDRIVE_TIMEOUT_MS = 15_000;
const AUDIT_ROWS = 200;
const running = new Set<string>();

export type RedriveLoad<T> = { kind: 'ok'; data: T } | { kind: 'not_found'; message: string } | { kind: 'busy'; message: string };

function enabledDlq(name: string) {
  const config = serverConfig();
  const dlq = config.dlqs.find((d) => d.name === name);
  if (!dlq?.redrive?.enabled) return null;
  return { dlq, source: config.sources[dlq.source] as KafkaSource }; // refs.ts checked it is a kafka source
}

export async function runRedrive(
  name: string,
  request: RedriveRequest,
  caller: Caller,
  signal?: AbortSignal,
): Promise<RedriveLoad<RedriveOutcomeView>> {
  const found = enabledDlq(name);
  if (!found) return { kind: 'not_found', message: `no DLQ named ${name} with redrive enabled in the config` };
  if (running.has(name)) return { kind: 'busy', message: `a redrive of ${name} is already running` };
  running.add(name);
  try {
    const { dryRun, ...selection } = request;
    const kafka = new Kafka(kafkaConfigFor(found.source, REDRIVE_TIMEOUT_MS));
    const outcome = await redriveDlq(kafka, found.dlq, selection, dryRun, { deadlineMs: REDRIVE_TIMEOUT_MS, signal });
    if (!dryRun) {
      const requestedAt = new Date();
      await insertDlqRedrives(
        outcome.items.map((i) => ({
          dlq: name,
          requestedBy: caller.user,
          requestedAt,
          sourceTopic: outcome.topic,
          sourcePartition: i.partition,
          sourceOffset: i.offset,
          messageKey: i.key,
          targetTopic: i.targetTopic,
          targetPartition: i.targetPartition,
          targetOffset: i.targetOffset,
          redriveCount: i.redriveCount,
          result: i.result,
          detail: i.detail,
        })),
      );
    }
    return { kind: 'ok', data: outcome };
  } finally {
    running.delete(name);
  }
}

export async function loadRedriveAudit(name: string): Promise<RedriveLoad<RedriveAuditView>> {
  if (!enabledDlq(name)) return { kind: 'not_found', message: `no DLQ named ${name} with redrive enabled in the config` };
  const rows = await listDlqRedrives(name, AUDIT_ROWS);
  return { kind: 'ok', data: { dlq: name, rows: rows.map((r) => ({ ...r, requestedAt: r.requestedAt.toISOString() })) } };
}
