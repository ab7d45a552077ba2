import { describe, expect, it } from 'vitest';
import { decodePathSegment } from './path-segment';

describe('decodePathSegment', () => {
  it('reads back a raw segment, and keeps one that cannot be decoded', () => {
    expect(decodePathSegment('a%2Fb%20%25c')).toBe('a/b %c');
    expect(decodePathSegment(encodeURIComponent('A-1 <b>x</b>/%41 ü'))).toBe('A-1 <b>x</b>/%41 ü');
    expect(decodePathSegment('odd/%group')).toBe('odd/%group');
    expect(decodePathSegment('50%')).toBe('50%');
    expect(decodePathSegment('plain-group')).toBe('plain-group');
  });
});
