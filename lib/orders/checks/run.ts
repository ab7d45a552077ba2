// Which live checks an order gets, and running them: in parallel, each with its own short timeout,
// each failure turned into "could not check: <why>" so one dead source never blanks the others.
import type { DlqConfig, IndexConfig, KafkaSource, OutboxConfig, PostgresSource, SearchSource, TruthflowConfig } from '@/lib/config';
import { withTimeout } from '@/lib/async/timeout';
import { ERROR_KIND_WORDS, errorKindOf, TruthflowError } from '@/lib/errors';
import { CHECK_TIMEOUT_MS } from './clients';
import { checkDlq } from './dlq';
import { checkOutbox } from './outbox';
import { checkSearchDocument } from './search';
import type { CheckKind, CheckResult } from './types';
import { withLiveReadSlot } from '../../dlq/live-reads';

/** At most this many targets per kind, however large the config. */
const MAX_PER_KIND = 3;

export interface CheckPlan {
  outboxes: OutboxConfig[];
  dlqs: DlqConfig[];
  indexes: IndexConfig[];
}

/** The stages of these pipelines (all configured ones when none is known), deduplicated. */
export function planChecks(config: TruthflowConfig, pipelineNames: readonly string[] | null): CheckPlan {
  const stages = (pipelineNames === null ? config.pipelines : config.pipelines.filter((p) => pipelineNames.includes(p.name))).flatMap(
    (p) => p.stages,
  );
  const pick = <T extends { name: string }>(kind: string, all: T[]) =>
    all.filter((item) => pipelineNames === null || stages.some((s) => s.kind === kind && s.name === item.name)).slice(0, MAX_PER_KIND);
  return { outboxes: pick('outbox', config.outboxes), dlqs: pick('dlq', config.dlqs), indexes: pick('index', config.indexes) };
}

async function run(
  kind: CheckKind,
  target: string,
  work: () => Promise<Pick<CheckResult, 'status' | 'summary' | 'phrase'>>,
): Promise<CheckResult> {
  const started = Date.now();
  const base = { kind, target, checkedAt: new Date(started).toISOString() };
  try {
    const outcome = await withTimeout(work(), CHECK_TIMEOUT_MS[kind]);
    return { ...base, ...outcome, durationMs: Date.now() - started };
  } catch (error) {
    const why = `${ERROR_KIND_WORDS[errorKindOf(error)]}: ${(error as Error).message}`;
    const what = kind === 'outbox' ? 'outbox row' : kind === 'dlq' ? 'DLQ' : 'search document';
    return {
      ...base,
      status: 'unknown',
      summary: `could not check: ${why}`,
      phrase: `${what} could not be checked (${why})`,
      durationMs: Date.now() - started,
    };
  }
}

const sourceOf = <K extends string>(config: TruthflowConfig, name: string, kinds: readonly K[]) => {
  const source = config.sources[name];
  if (!source || !(kinds as readonly string[]).includes(source.kind))
    throw new TruthflowError('config', `source "${name}" is not a ${kinds.join(' or ')} source`);
  return source;
};

/**
 * `signal`: the request's. A DLQ check joins a throwaway consumer group and may buffer 32 MiB, so
 * it shares the process-wide bound on live reads with the DLQ peek, and a caller that went away
 * frees its place in the queue before touching the cluster.
 */
export function runChecks(config: TruthflowConfig, plan: CheckPlan, orderId: string, signal?: AbortSignal): Promise<CheckResult[]> {
  return Promise.all([
    ...plan.outboxes.map((o) =>
      run('outbox', o.name, () => checkOutbox(o, sourceOf(config, o.source, ['postgres']) as PostgresSource, orderId)),
    ),
    ...plan.dlqs.map((d) =>
      run('dlq', d.name, () => withLiveReadSlot(() => checkDlq(d, sourceOf(config, d.source, ['kafka']) as KafkaSource, orderId), signal)),
    ),
    ...plan.indexes.map((i) =>
      run('search', i.name, () =>
        checkSearchDocument(i, sourceOf(config, i.source, ['opensearch', 'elasticsearch']) as SearchSource, orderId),
      ),
    ),
  ]);
}
