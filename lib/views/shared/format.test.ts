import { describe, expect, it } from 'vitest';
import { formatBudget, formatBurn, formatCount, formatDuration, formatSli } from './format';

describe('formatters', () => {
  it('say unknown for null, and 0 only for a real 0', () => {
    expect([formatDuration(null), formatCount(null), formatBurn(null), formatBudget(null), formatSli(null, 'ratio')]).toEqual(
      Array(5).fill('unknown'),
    );
    expect(formatCount(0)).toBe('0');
    expect(formatBurn(0)).toBe('0.00×');
  });

  it('formats durations at a readable scale', () => {
    expect(formatDuration(4.25)).toBe('4.3 s');
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(150)).toBe('2.5 min');
    expect(formatDuration(7200)).toBe('2 h');
    expect(formatDuration(3 * 86_400)).toBe('3 d');
  });

  it('formats SLI values by unit', () => {
    expect(formatSli(30, 'seconds')).toBe('30 s');
    expect(formatSli(2, 'messages per minute')).toBe('2 msg/min');
    expect(formatSli(0.0125, 'ratio')).toBe('1.25 %');
  });

  it('says an overspent budget in words', () => {
    expect(formatBudget(0.5)).toBe('50.0 % left');
    expect(formatBudget(-0.25)).toBe('overspent (-25.0 %)');
  });

  it('formats burn rates with sensible precision', () => {
    expect(formatBurn(1.234)).toBe('1.23×');
    expect(formatBurn(14.44)).toBe('14.4×');
    expect(formatCount(12345.4)).toBe('12,345');
  });
});
