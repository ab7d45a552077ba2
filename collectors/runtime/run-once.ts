// One run of one job, bounded by the configured timeout (or the job's own, for a reconciliation). A job that ignores its abort signal
// cannot hold the runner: the run is reported as timed out, its clients are discarded (which
// usually unblocks it), and the job is not started again until that run has settled.
import { withTimeout } from '@/lib/async/timeout';
import type { TruthflowConfig } from '@/lib/config';
import { errorKindOf } from '@/lib/errors';
import type { Logger } from '@/lib/log';
import type { Clients } from '@/lib/sources/clients';
import type { Job, RunOutcome } from './job';

export interface RunOnceOptions {
  config: TruthflowConfig;
  clients: Clients;
  log: Logger;
  now: () => Date;
}

/** Which client a failing job should drop: the source its target names, or the target itself when it is a source. */
function sourceOf(target: { name: string }): string | undefined {
  const { source, kind } = target as { source?: unknown; kind?: unknown };
  if (typeof source === 'string') return source;
  return typeof kind === 'string' ? target.name : undefined;
}

export async function runJobOnce(job: Job, opts: RunOnceOptions): Promise<RunOutcome> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  if (job.inFlight) {
    return { durationMs: 0, error: { kind: 'timeout', message: 'the previous run has still not finished; skipping this one' } };
  }
  const timeoutSeconds = job.timeoutSeconds ?? opts.config.collectors.timeoutSeconds;
  const controller = new AbortController();
  const run = job.run({
    config: opts.config,
    clients: opts.clients,
    now: opts.now,
    signal: controller.signal,
    log: opts.log.child({ job: job.key }),
  });
  job.inFlight = run
    .then(
      () => undefined,
      () => undefined,
    )
    .finally(() => {
      job.inFlight = undefined;
    });
  try {
    const output = await withTimeout(run, timeoutSeconds * 1000, {
      message: `no answer within ${timeoutSeconds} s`,
      abortOnTimeout: controller,
    });
    return { durationMs: elapsed(), output };
  } catch (error) {
    const source = sourceOf(job.target);
    const kind = errorKindOf(error);
    if (source && (kind === 'network' || kind === 'timeout' || kind === 'auth')) await opts.clients.discard(source);
    return { durationMs: elapsed(), error: { kind, message: error instanceof Error ? error.message : String(error) } };
  }
}
