// One run of one job, bounded by the configured timeout. A collector that ignores its abort signal
// cannot hold the runner: the run is reported as timed out, its clients are discarded (which
// usually unblocks it), and the job is not started again until that run has settled.
import { errorKindOf, TruthflowError, type ErrorKind } from '@/lib/errors';
import type { RunnerOptions } from './runner';
import type { AnyCollector, CollectResult } from './types';

export interface JobOutcome {
  durationMs: number;
  result?: CollectResult;
  error?: { kind: ErrorKind; message: string };
}

interface RunnableJob {
  key: string;
  collector: AnyCollector;
  target: { name: string };
  state: unknown;
  inFlight?: Promise<unknown>;
}

/** Which client a failing job should drop: the source its target names, or the target itself when it is a source. */
function sourceOf(target: { name: string }): string | undefined {
  const { source, kind } = target as { source?: unknown; kind?: unknown };
  if (typeof source === 'string') return source;
  return typeof kind === 'string' ? target.name : undefined;
}

export async function runJobOnce(job: RunnableJob, opts: RunnerOptions & { attemptAt: Date }): Promise<JobOutcome> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  if (job.inFlight) {
    return { durationMs: 0, error: { kind: 'timeout', message: 'the previous run has still not finished; skipping this one' } };
  }
  const timeoutMs = opts.config.collectors.timeoutSeconds * 1000;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new TruthflowError('timeout', `no answer within ${opts.config.collectors.timeoutSeconds} s`));
    }, timeoutMs);
  });
  const run = job.collector.collect({
    target: job.target,
    config: opts.config,
    clients: opts.clients,
    now: opts.now ?? (() => new Date()),
    signal: controller.signal,
    state: job.state,
    log: opts.log.child({ job: job.key }),
  });
  job.inFlight = run.then(
    () => undefined,
    () => undefined,
  ).finally(() => {
    job.inFlight = undefined;
  });
  try {
    const result = await Promise.race([run, timedOut]);
    return { durationMs: elapsed(), result };
  } catch (error) {
    const source = sourceOf(job.target);
    const kind = errorKindOf(error);
    if (source && (kind === 'network' || kind === 'timeout' || kind === 'auth')) await opts.clients.discard(source);
    return { durationMs: elapsed(), error: { kind, message: error instanceof Error ? error.message : String(error) } };
  } finally {
    clearTimeout(timer);
  }
}
