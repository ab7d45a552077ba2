// Which store failures count as "store unavailable" (503) and which are our own query's fault (500),
// and that the pool wrapper raises StoreUnavailableError without touching successful calls.
import { describe, expect, it } from 'vitest';
import { errorKindOf } from '../errors';
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
