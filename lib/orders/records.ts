// What Truthflow itself has on record about one order, beside the live checks: the newest
// reconciliation runs' verdict on its key ("present in source, missing from orders since 14:02,
// confirmed by the 14:05 run") and the DLQ redrives of its messages ("redriven by alice at
// 14:10"). Read from Truthflow's store only, never from the monitored systems.
import { z } from 'zod';
import type { TruthflowConfig } from '@/lib/config';
import { redrivesOfKey, type DlqRedriveRow } from '@/lib/store/queries/dlq-redrives';
import { findingsForKey, latestReconcileRuns, type KeyFinding, type ReconcileRunRow } from '@/lib/store/queries/reconcile-runs';

/** One reconciliation covering the order's pipelines, and what its newest run says about the key. */
export const reconciliationVerdictSchema = z.object({
  reconciliation: z.string(),
  /** mismatch: the newest run lists the key; clean: it compared up to its cutoff and does not; not_run: no run yet. */
  status: z.enum(['mismatch', 'clean', 'not_run']),
  /** missing, extra or stale; null unless a mismatch. */
  reason: z.string().nullable(),
  /** The run whose drill-down shows it; null before the first run. */
  runId: z.string().nullable(),
  words: z.string(),
});

export const redriveRecordSchema = z.object({
  dlq: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  result: z.string(),
  words: z.string(),
});

export const orderRecordsSchema = z.object({
  reconciliation: z.array(reconciliationVerdictSchema),
  redrives: z.array(redriveRecordSchema),
});

export type ReconciliationVerdict = z.output<typeof reconciliationVerdictSchema>;
export type RedriveRecord = z.output<typeof redriveRecordSchema>;
export type OrderRecords = z.output<typeof orderRecordsSchema>;

const clock = (at: Date) => `${at.toISOString().slice(11, 19)} UTC`;

function sides(config: TruthflowConfig, name: string): { source: string; target: string } {
  const r = config.reconciliations.find((c) => c.name === name);
  if (!r) return { source: 'the source', target: 'the target' };
  return { source: r.source.table, target: r.target.index ?? r.target.table ?? 'the target' };
}

export function findingWords(finding: KeyFinding, config: TruthflowConfig): string {
  const { source, target } = sides(config, finding.reconciliation);
  const confirmed = `confirmed by the ${clock(finding.foundAt)} run of ${finding.reconciliation}`;
  const since = clock(finding.since);
  switch (finding.reason) {
    case 'missing':
      return `present in ${source}, missing from ${target} since ${since}, ${confirmed}`;
    case 'extra':
      return `in ${target} but not in ${source} (its copy dates from ${since}), ${confirmed}`;
    case 'stale':
      return `${target} holds version ${finding.targetVersion ?? '?'} while ${source} has ${finding.sourceVersion ?? '?'} since ${since}, ${confirmed}`;
    default:
      return `${finding.reason} in ${target} since ${since}, ${confirmed}`;
  }
}

export function redriveWords(row: DlqRedriveRow): string {
  const at = clock(row.requestedAt);
  switch (row.result) {
    case 'sent':
      return `redriven by ${row.requestedBy} at ${at} from ${row.dlq} to ${row.targetTopic ?? 'its original topic'}`;
    case 'planned':
      return `dry run by ${row.requestedBy} at ${at} from ${row.dlq} (nothing sent)`;
    default:
      return `redrive by ${row.requestedBy} at ${at} from ${row.dlq} ${row.result}${row.detail ? `: ${row.detail}` : ''}`;
  }
}

function verdict(
  name: string,
  finding: KeyFinding | undefined,
  run: ReconcileRunRow | undefined,
  config: TruthflowConfig,
): ReconciliationVerdict {
  if (finding)
    return { reconciliation: name, status: 'mismatch', reason: finding.reason, runId: finding.runId, words: findingWords(finding, config) };
  if (!run) return { reconciliation: name, status: 'not_run', reason: null, runId: null, words: `${name} has not run yet: no verdict` };
  // A key changed after the cutoff was not compared: "clean" says only what the run looked at.
  return {
    reconciliation: name,
    status: 'clean',
    reason: null,
    runId: run.id,
    words: `no mismatch in the ${clock(run.finishedAt)} run of ${name} (it compares rows changed before ${clock(run.cutoff)})`,
  };
}

/** `pipelines`: the order's pipelines; null when unknown, then every reconciliation counts. */
export async function loadOrderRecords(
  orderId: string,
  config: TruthflowConfig,
  pipelines: readonly string[] | null,
): Promise<OrderRecords> {
  const covering = config.reconciliations.filter((r) => pipelines === null || pipelines.includes(r.pipeline)).map((r) => r.name);
  const [findings, runs, redrives] = await Promise.all([
    covering.length ? findingsForKey(orderId) : [],
    covering.length ? latestReconcileRuns() : [],
    config.dlqs.length ? redrivesOfKey(orderId) : [],
  ]);
  return {
    reconciliation: covering.map((name) =>
      verdict(
        name,
        findings.find((f) => f.reconciliation === name),
        runs.find((r) => r.reconciliation === name),
        config,
      ),
    ),
    redrives: redrives.map((r) => ({
      dlq: r.dlq,
      requestedBy: r.requestedBy,
      requestedAt: r.requestedAt.toISOString(),
      result: r.result,
      words: redriveWords(r),
    })),
  };
}
