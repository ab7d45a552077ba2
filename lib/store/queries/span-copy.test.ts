import { describe, expect, it } from 'vitest';
import { ts } from './span-copy';

// The formula ts replaced: a Date and a toISOString per call.
const direct = (us: number) =>
  `${new Date(Math.floor(us / 1000)).toISOString().slice(0, -1)}${String(((us % 1000) + 1000) % 1000).padStart(3, '0')}Z`;

describe('ts (COPY timestamps)', () => {
  it('writes microseconds exactly, across seconds, before the epoch and past year 9999', () => {
    const values = [0, 1, -1, 999_999, 1_000_000, -1_000_001, 1_764_165_731_123_456, 946_684_800_000_000, 253_402_300_800_000_000];
    for (let i = 0; i < 2_000; i++) values.push(1_764_165_731_000_000 + i * 777_777, -i * 999_983);
    for (const us of values) expect(ts(us), String(us)).toBe(direct(us));
    expect(ts(1_764_165_731_123_456)).toBe('2025-11-26T14:02:11.123456Z');
  });
});
