// Which store failures count as "store unavailable" (503) and which are our own query's fault (500),
// and that the pool wrapper raises StoreUnavailableError without touching successful calls.
import { describe, expect, it, vi } from 'vitest';
import { errorKindOf, TruthflowError } from '../errors';
import { asStoreError, isStoreUnavailable, reportingUnavailable, StoreUnavailableError } from './errors';

const withCode = (code: string, message = `failed ${code}`) => Object.assign(new Error(message), { code });

describe('store failures', () => {
  it('classifies connection, shutdown, timeout and login failures as unavailable', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', '08006', '57P01', '57014', '53300', '3D000', '28P01']) {
      expect(isStoreUnavailable(withCode(code)), code).toBe(true);
    }
    expect(isStoreUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isStoreUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  it('leaves our own mistakes alone: syntax, constraint and type errors are bugs', () => {
    for (const error of [withCode('42601'), withCode('23505'), withCode('22P02'), new TypeError('x is undefined')]) {
      expect(isStoreUnavailable(error)).toBe(false);
      expect(asStoreError(error)).toBe(error);
    }
  });

  it('keeps the kind readable for the collectors, and says the code when pg gives no message', () => {
    const refused = asStoreError(Object.assign(new AggregateError([], ''), { code: 'ECONNREFUSED' }));
    expect(refused).toBeInstanceOf(StoreUnavailableError);
    expect((refused as Error).message).toBe('ECONNREFUSED');
    expect(errorKindOf(refused)).toBe('network');
    expect(errorKindOf(asStoreError(withCode('57014')))).toBe('timeout');
  });

  it('makes a pool reject with StoreUnavailableError, results untouched', async () => {
    const pool = reportingUnavailable({
      query: (sql: string) => (sql === 'ok' ? Promise.resolve({ rows: [1] }) : Promise.reject(withCode('ECONNREFUSED'))),
      connect: () => Promise.reject(new Error('Connection terminated due to connection timeout')),
    });
    await expect(pool.query('ok')).resolves.toEqual({ rows: [1] });
    await expect(pool.query('down')).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(pool.connect()).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});

describe('instanceof across module copies', () => {
  it('recognises a StoreUnavailableError made by another copy of the module, and nothing else', async () => {
    // A second, separately evaluated copy of the modules, as Next.js gives route handlers and pages.
    vi.resetModules();
    const other = await import('./errors');
    const errorsCopy = await import('../errors');
    expect(other.StoreUnavailableError).not.toBe(StoreUnavailableError); // really a second copy
    const foreign = new other.StoreUnavailableError('down');
    expect(foreign).toBeInstanceOf(StoreUnavailableError);
    expect(foreign).toBeInstanceOf(TruthflowError);
    expect(new StoreUnavailableError('down')).toBeInstanceOf(other.StoreUnavailableError);
    expect(new TruthflowError('network', 'x')).not.toBeInstanceOf(StoreUnavailableError);
    expect(new errorsCopy.TruthflowError('network', 'x')).toBeInstanceOf(TruthflowError);
    expect(new Error('x')).not.toBeInstanceOf(TruthflowError);
  });
});
