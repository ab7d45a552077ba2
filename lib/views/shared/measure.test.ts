// measureOf: what one stage figure shows for fresh, stale, missing and unwatched readings.
import { describe, expect, it } from 'vitest';
import type { Reading } from '../../store/queries/sli-readings';
import { measureOf } from './measure';

const now = Date.parse('2026-03-01T12:00:00Z');
const at = (secondsAgo: number) => new Date(now - secondsAgo * 1000);
const reading = (value: number, secondsAgo = 2, labels: Record<string, string> = {}): Reading => ({ labels, ts: at(secondsAgo), value });

describe('measureOf', () => {
  it('sums or takes the max of fresh readings', () => {
    expect(measureOf([reading(3), reading(4)], { combine: 'sum' }, now, 20)).toEqual({ value: 7, at: at(2).toISOString() });
    expect(measureOf([reading(3), reading(4)], { combine: 'max' }, now, 20).value).toBe(4);
  });
  it('is unknown (not 0) without readings, and unknown since the newest one when that is stale', () => {
    expect(measureOf([], { combine: 'sum' }, now, 20)).toEqual({ value: null, at: null });
    expect(measureOf([reading(5, 60)], { combine: 'sum' }, now, 20)).toEqual({ value: null, at: at(60).toISOString() });
  });
  it('leaves out series the stage does not watch', () => {
    const keep = (l: Record<string, string>) => l.topic === 'a';
    expect(measureOf([reading(3, 2, { topic: 'a' }), reading(100, 2, { topic: 'b' })], { combine: 'sum', keep }, now, 20).value).toBe(3);
  });
});
