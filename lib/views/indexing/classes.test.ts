import { describe, expect, it } from 'vitest';
import { isBadDocumentClass, rejectionsFromRates } from './classes';

describe('bad-document error classes', () => {
  it('match REST error types and Java exception names', () => {
    for (const c of [
      'mapper_parsing_exception',
      'document_parsing_exception',
      'illegal_argument_exception',
      'org.opensearch.index.mapper.MapperParsingException',
      'IllegalArgumentException',
    ]) {
      expect(isBadDocumentClass(c), c).toBe(true);
    }
  });

  it('leave overload and other failures out', () => {
    for (const c of [
      'rejected_execution_exception',
      'es_rejected_execution_exception',
      'http_429',
      'EventParseError',
      'unknown',
      'other',
    ]) {
      expect(isBadDocumentClass(c), c).toBe(false);
    }
  });
});

describe('rejections from rates', () => {
  it('turns per-run rates back into counts', () => {
    // Three runs 10 s apart at 2, 0.5 and 0 rejections/s: 20 + 5 + 0.
    expect(rejectionsFromRates(2 + 0.5 + 0, 10)).toBe(25);
  });
});
