// Bounding a wait, in one place. Collectors, live order checks and the wall screen each wait on
// servers that may never answer; every such wait ends the same way: with a
// TruthflowError('timeout', …) that the scrape-status panel and the pages already put into words,
// with the timer cleared whichever side wins (a leftover timer keeps a process or a test alive),
// and, for work that can stop early, with its AbortController aborted.
//
// Both helpers stop the WAITING, not the work: a promise cannot be cancelled. Work that should stop
// must be given the signal (abortOnTimeout) and listen to it; the caller decides what to do with a
// run that is still going (the collectors' runner, for one, does not start it again until it settles).
import { TruthflowError } from '@/lib/errors';

export interface TimeoutOptions {
  /** Words for the timeout error; defaults to "no answer within N s". */
  message?: string;
  /** Aborted when the time is up, before the returned promise rejects, so work given its signal stops too. */
  abortOnTimeout?: AbortController;
}

/** Settles like `work`, or rejects with a TruthflowError of kind 'timeout' once `ms` have passed. */
export function withTimeout<T>(work: Promise<T>, ms: number, options: TimeoutOptions = {}): Promise<T> {
  const message = options.message ?? `no answer within ${ms / 1000} s`;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      options.abortOnTimeout?.abort();
      reject(new TruthflowError('timeout', message));
    }, ms);
  });
  // race listens to `work` too, so a rejection arriving after the deadline is not left unhandled.
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Settles like `work`, or rejects with a TruthflowError of kind 'timeout' as soon as `signal` is
 * aborted (at once when it already is). For steps of a run whose deadline someone else keeps:
 * a library call that ignores the signal must not hold the run past it.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal, message = 'stopped waiting: the run was aborted'): Promise<T> {
  work.catch(() => undefined); // it may still reject after we stopped listening
  if (signal.aborted) return Promise.reject(new TruthflowError('timeout', message));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new TruthflowError('timeout', message));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
