// One bounded run, without a store or a network: the rules the runner depends on when a job hangs
// or fails. A hung run times out with its signal aborted and its source's clients discarded, and
// blocks the next run until it settles; errors that are the job's own keep the clients.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '@/lib/config';
import { TruthflowError } from '@/lib/errors';
import { createLogger } from '@/lib/log';
import type { Clients } from '@/lib/sources/clients';
import type { JobOutput } from '../types';
import type { Job, RunContext } from './job';
import { runJobOnce, type RunOnceOptions } from './run-once';

const config = parseConfig('collectors: { intervalSeconds: 2, timeoutSeconds: 1 }\n', {});

function setUp(
  run: (ctx: RunContext) => Promise<JobOutput>,
  target: { name: string; source?: string } = { name: 'orders', source: 'shop-db' },
) {
  const discard = vi.fn(async () => undefined);
  const job: Job = { key: `outbox/${target.name}`, kind: 'collector', name: 'outbox', target, run };
  const opts: RunOnceOptions = {
    config,
    clients: { discard } as unknown as Clients,
    log: createLogger('run-once-test'),
    now: () => new Date(),
  };
  return { job, discard, once: () => runJobOnce(job, opts) };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('runJobOnce', () => {
  it('returns the output of a run that answers in time, and leaves nothing in flight', async () => {
    const { job, once } = setUp(async () => ({ samples: [], summary: 'ok' }));
    const outcome = await once();
    expect(outcome.output).toEqual({ samples: [], summary: 'ok' });
    expect(outcome.error).toBeUndefined();
    await vi.advanceTimersByTimeAsync(0);
    expect(job.inFlight).toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('bounds a job that carries its own timeout by that one, not the collectors’ timeout', async () => {
    let finish!: () => void;
    const { job, once } = setUp(() => new Promise<JobOutput>((resolve) => (finish = () => resolve({ samples: [], summary: 'big run' }))));
    job.timeoutSeconds = 5;
    const outcome = once();
    await vi.advanceTimersByTimeAsync(3_000);
    finish();
    expect(await outcome).toMatchObject({ output: { summary: 'big run' } });

    const late = once();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await late).toMatchObject({ error: { kind: 'timeout', message: 'no answer within 5 s' } });
    finish();
  });

  it('times out a run that ignores its signal: aborted, clients discarded, and the next run skipped until it settles', async () => {
    let signal: AbortSignal | undefined;
    let finish!: () => void;
    const { job, discard, once } = setUp((ctx) => {
      signal = ctx.signal;
      return new Promise<JobOutput>((resolve) => (finish = () => resolve({ samples: [], summary: 'late' })));
    });
    const first = once();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await first).toMatchObject({ error: { kind: 'timeout', message: 'no answer within 1 s' } });
    expect(signal?.aborted).toBe(true);
    expect(discard).toHaveBeenCalledWith('shop-db');

    expect(await once()).toMatchObject({
      durationMs: 0,
      error: { kind: 'timeout', message: 'the previous run has still not finished; skipping this one' },
    });
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(job.inFlight).toBeUndefined();
  });

  it('keeps the clients when the failure is not the connection’s fault', async () => {
    const { discard, once } = setUp(async () => Promise.reject(new TruthflowError('config', 'relation "outbox" does not exist')));
    expect(await once()).toMatchObject({ error: { kind: 'config', message: 'relation "outbox" does not exist' } });
    expect(discard).not.toHaveBeenCalled();
  });

  it('discards nothing for a target that names no source (an evaluator’s)', async () => {
    const { discard, once } = setUp(async () => Promise.reject(new TruthflowError('network', 'store unreachable')), {
      name: 'checkout/outbox-age',
    });
    expect(await once()).toMatchObject({ error: { kind: 'network' } });
    expect(discard).not.toHaveBeenCalled();
  });
});
