import { describe, expect, it } from 'vitest';
import { createOffsetTimeTable } from '@/lib/kafka/lag-seconds';
import { assessSlots, type SlotMemory } from './health';
import type { SlotRow, SlotsReading } from './read';

const S = 1000;
const row = (over: Partial<SlotRow> = {}): SlotRow => ({
  slot: 'debezium',
  active: true,
  restartLsn: 1_000,
  confirmedFlushLsn: 1_500,
  walStatus: 'reserved',
  safeWalSize: null,
  inactiveSince: null,
  spillBytes: 0,
  streamBytes: 0,
  ...over,
});
const reading = (currentLsn: number, at: number, slots: SlotRow[]): SlotsReading => ({
  currentLsn,
  at,
  slots,
  features: { version: 170000, inRecovery: false },
});
const opts = { safeWalSizeMinBytes: 1_000_000 };

describe('assessSlots', () => {
  it('measures lag and retained WAL in bytes, and lag seconds by interpolating the WAL position over time', () => {
    const table = createOffsetTimeTable();
    const first = assessSlots(reading(1_000, 0, [row({ confirmedFlushLsn: 1_000 })]), new Map(), table, opts);
    expect(first.slots[0]?.lagSeconds).toEqual({ seconds: 0, kind: 'caught-up' });
    // The WAL went from 1000 to 3000 in 10 s; the slot confirmed 2000, passed at t = 5 s; now is 10 s.
    const second = assessSlots(reading(3_000, 10 * S, [row({ confirmedFlushLsn: 2_000 })]), first.memory, table, opts);
    expect(second.slots[0]).toMatchObject({ lagBytes: 1_000, retainedBytes: 2_000, lagSeconds: { seconds: 5, kind: 'interpolated' } });
  });

  it('flags a slot with no consumer that confirmed nothing while its retained WAL grew, and not one that advanced', () => {
    const previous = new Map<string, SlotMemory>([
      ['debezium', { confirmedFlushLsn: 1_500, retainedBytes: 500, at: 0, spillBytes: 0, streamBytes: 0 }],
    ]);
    const stopped = assessSlots(reading(2_000, 10 * S, [row({ active: false })]), previous, createOffsetTimeTable(), opts);
    expect(stopped.slots[0]?.signals).toEqual(['stopped']);
    const polling = assessSlots(
      reading(2_000, 10 * S, [row({ active: false, confirmedFlushLsn: 1_900 })]),
      previous,
      createOffsetTimeTable(),
      opts,
    );
    expect(polling.slots[0]?.signals).toEqual([]);
  });

  it('flags unreserved, lost and low safe_wal_size; reads inactive time and spill rates', () => {
    const previous = new Map<string, SlotMemory>([
      ['debezium', { confirmedFlushLsn: 1_500, retainedBytes: 0, at: 0, spillBytes: 100, streamBytes: 50 }],
    ]);
    const lost = row({
      active: false,
      walStatus: 'lost',
      restartLsn: null,
      safeWalSize: 10,
      inactiveSince: new Date(4 * S),
      spillBytes: 600,
      streamBytes: 10,
    });
    const [h] = assessSlots(reading(2_000, 10 * S, [lost]), previous, createOffsetTimeTable(), opts).slots;
    expect(h?.signals).toEqual(['lost', 'safe-wal-low']);
    expect(h).toMatchObject({ walStatusLevel: 3, retainedBytes: null, inactiveSeconds: 6, spillBytesPerSecond: 50 });
    // Statistics reset (10 < 50): the new value is the increase since the previous run.
    expect(h?.streamBytesPerSecond).toBe(1);
  });

  it('reports configured or previously seen slots that are gone as missing', () => {
    const previous = new Map<string, SlotMemory>([
      ['old', { confirmedFlushLsn: 1, retainedBytes: 1, at: 0, spillBytes: null, streamBytes: null }],
    ]);
    expect(assessSlots(reading(2_000, S, [row()]), previous, createOffsetTimeTable(), opts).missing).toEqual(['old']);
    const wanted = assessSlots(reading(2_000, S, [row()]), new Map(), createOffsetTimeTable(), { ...opts, wanted: ['debezium', 'cdc2'] });
    expect(wanted.missing).toEqual(['cdc2']);
  });
});
