import { describe, expect, it } from 'vitest';
import { TruthflowError } from '../errors';
import { parseTableName, quoteIdent, quoteTable } from './identifiers';

function configError(fn: () => unknown): TruthflowError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TruthflowError);
    expect((error as TruthflowError).kind).toBe('config');
    return error as TruthflowError;
  }
  throw new Error('expected a config error');
}

describe('quoteIdent', () => {
  it('always quotes, keeping case', () => {
    expect(quoteIdent('sent_at')).toBe('"sent_at"');
    expect(quoteIdent('SentAt')).toBe('"SentAt"');
  });

  it('doubles embedded quotes so the identifier cannot end early', () => {
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(quoteIdent('x"; DROP TABLE outbox; --')).toBe('"x""; DROP TABLE outbox; --"');
    expect(quoteIdent('"')).toBe('""""');
  });

  it('refuses empty, NUL and over-long names', () => {
    configError(() => quoteIdent(''));
    configError(() => quoteIdent('a\0b'));
    expect(quoteIdent('a'.repeat(63))).toBe(`"${'a'.repeat(63)}"`);
    expect(configError(() => quoteIdent('a'.repeat(64))).message).toContain('63 bytes');
    // Bytes, not characters: 32 two-byte letters are 64 bytes.
    configError(() => quoteIdent('é'.repeat(32)));
  });
});

describe('quoteTable', () => {
  it('quotes each part of a schema-qualified name', () => {
    expect(quoteTable('public.outbox')).toBe('"public"."outbox"');
    expect(quoteTable('outbox')).toBe('"outbox"');
    expect(quoteTable({ schema: 'App', table: 'Outbox' })).toBe('"App"."Outbox"');
    expect(quoteTable({ table: 'o"x' })).toBe('"o""x"');
  });

  it('splits names and refuses more than one dot', () => {
    expect(parseTableName('app.outbox')).toEqual({ schema: 'app', table: 'outbox' });
    expect(parseTableName('outbox')).toEqual({ table: 'outbox' });
    configError(() => parseTableName('db.app.outbox'));
    configError(() => quoteTable('app.'));
  });
});
