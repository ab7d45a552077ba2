// What the runner schedules: one (collector or evaluator, target) pair with the state kept across
// its runs. Both kinds become the same Job here, so the runner, one run (run-once.ts) and the
// output writer (output.ts) handle them alike and never ask which kind they hold, except to
// name the run's span.
import type { TruthflowConfig } from '@/lib/config';
import type { ErrorKind } from '@/lib/errors';
import type { AnyCollector, AnyEvaluator, JobContext, JobOutput } from '../types';

export type JobKind = 'collector' | 'evaluator';

/** What one run is given besides its own target and state. */
export type RunContext = Omit<JobContext<unknown, unknown>, 'target' | 'state'>;

export interface Job {
  /** `name/target`: the lease key and the log field. */
  readonly key: string;
  readonly kind: JobKind;
  /** The collector's or evaluator's name; scrape status, metrics and spans are labelled with it. */
  readonly name: string;
  readonly target: { name: string };
  run(ctx: RunContext): Promise<JobOutput>;
  /** This job's bound on one run; collectors.timeoutSeconds when unset. */
  timeoutSeconds?: number;
  /** The previous run's promise while it has not settled (a hung run blocks the next one). */
  inFlight?: Promise<unknown>;
}

/** How a run ended: its output, or the kind of failure the scrape-status panel puts into words. */
export interface RunOutcome {
  durationMs: number;
  output?: JobOutput;
  error?: { kind: ErrorKind; message: string };
}

export function jobsFor(config: TruthflowConfig, collectors: readonly AnyCollector[], evaluators: readonly AnyEvaluator[]): Job[] {
  const collecting = collectors.flatMap((collector) =>
    collector.targets(config).map((target): Job => {
      const state: unknown = collector.initialState(target);
      const run = (ctx: RunContext) => collector.collect({ ...ctx, target, state });
      return { key: `${collector.name}/${target.name}`, kind: 'collector', name: collector.name, target, run };
    }),
  );
  const evaluating = evaluators.flatMap((evaluator) =>
    evaluator.targets(config).map((target): Job => {
      const state: unknown = evaluator.initialState(target);
      // Evaluators read the store only: the monitored systems' clients are held back.
      const run = ({ clients: _clients, ...ctx }: RunContext) => evaluator.evaluate({ ...ctx, target, state });
      const timeoutSeconds = evaluator.timeoutSeconds?.(target, config);
      return { key: `${evaluator.name}/${target.name}`, kind: 'evaluator', name: evaluator.name, target, run, timeoutSeconds };
    }),
  );
  return [...collecting, ...evaluating];
}
