// The timeout helpers bound every wait on a server that may not answer; these pin down what callers
// rely on: the result passes through, the failure is a typed timeout, the work's signal is aborted,
// and no timer or listener is left behind either way.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TruthflowError } from '@/lib/errors';
import { untilAborted, withTimeout } from './timeout';

const never = () => new Promise<never>(() => undefined);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('withTimeout', () => {
  it('resolves with the work and clears its timer', async () => {
    await expect(withTimeout(Promise.resolve(42), 1_000)).resolves.toBe(42);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('passes the work’s own failure through unchanged and clears its timer', async () => {
    const failure = new TruthflowError('auth', 'refused');
    await expect(withTimeout(Promise.reject(failure), 1_000)).rejects.toBe(failure);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects with kind timeout when the work does not settle in time, and aborts the signal', async () => {
    const controller = new AbortController();
    const waiting = withTimeout(never(), 2_000, { abortOnTimeout: controller });
    const settled = expect(waiting).rejects.toMatchObject({ name: 'TruthflowError', kind: 'timeout', message: 'no answer within 2 s' });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(controller.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await settled;
    expect(controller.signal.aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('uses the caller’s words for the timeout', async () => {
    const waiting = withTimeout(never(), 50, { message: 'the store did not answer within 50 ms' });
    const settled = expect(waiting).rejects.toThrow('the store did not answer within 50 ms');
    await vi.advanceTimersByTimeAsync(50);
    await settled;
  });

  it('leaves the signal alone when the work wins', async () => {
    const controller = new AbortController();
    await withTimeout(Promise.resolve('ok'), 1_000, { abortOnTimeout: controller });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(controller.signal.aborted).toBe(false);
  });

  it('does not leave a late rejection of the work unhandled', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      let fail!: (e: Error) => void;
      const work = new Promise<never>((_, reject) => (fail = reject));
      const settled = expect(withTimeout(work, 10)).rejects.toMatchObject({ kind: 'timeout' });
      await vi.advanceTimersByTimeAsync(10);
      await settled;
      fail(new Error('too late'));
      await vi.advanceTimersByTimeAsync(0);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});

describe('untilAborted', () => {
  it('resolves with the work while the signal stays quiet, and stops listening', async () => {
    const controller = new AbortController();
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    await expect(untilAborted(Promise.resolve('ok'), controller.signal)).resolves.toBe('ok');
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
  });

  it('rejects with kind timeout as soon as the signal is aborted', async () => {
    const controller = new AbortController();
    const waiting = untilAborted(never(), controller.signal, 'run aborted: collector timeout reached');
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ kind: 'timeout', message: 'run aborted: collector timeout reached' });
  });

  it('rejects at once when the signal is already aborted', async () => {
    await expect(untilAborted(never(), AbortSignal.abort())).rejects.toBeInstanceOf(TruthflowError);
  });
});
