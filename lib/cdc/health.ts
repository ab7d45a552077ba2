// Judging replication slots from one reading and the previous one (docs/algorithms.md "CDC slot
// health"). Pure: the collector reads, this decides what the reading means.
//
// Lag in seconds reuses the offset/time table of consumer lag: WAL byte positions play the part of
// log-end offsets (one table per monitored server, fed with the current WAL position every run),
// and confirmed_flush_lsn plays the committed offset. The WAL position passed confirmed_flush_lsn
// at some time between two sampled points; interpolating gives that time, and now − that time is
// how far behind the CDC consumer is.
import { estimateLagSeconds, recordEndOffset, type LagSeconds, type OffsetTimeTable } from '@/lib/kafka/lag-seconds';
import type { SlotRow, SlotsReading, WalStatus } from './read';

export const CDC_SIGNALS = ['stopped', 'unreserved', 'lost', 'safe-wal-low', 'missing'] as const;
export type CdcSignal = (typeof CDC_SIGNALS)[number];

/** Higher is worse; `lost` means the consumer must take a new snapshot. */
export const WAL_STATUS_LEVEL: Record<WalStatus, number> = { reserved: 0, extended: 1, unreserved: 2, lost: 3 };

/** What the previous run saw of one slot. */
export interface SlotMemory {
  confirmedFlushLsn: number | null;
  retainedBytes: number | null;
  at: number;
  spillBytes: number | null;
  streamBytes: number | null;
}

export interface SlotHealth {
  slot: string;
  active: boolean;
  lagBytes: number | null;
  lagSeconds: LagSeconds;
  retainedBytes: number | null;
  walStatusLevel: number | null;
  safeWalSize: number | null;
  inactiveSeconds: number | null;
  spillBytesPerSecond: number | null;
  streamBytesPerSecond: number | null;
  signals: CdcSignal[];
}

export interface SlotsAssessment {
  slots: SlotHealth[];
  /** Slots named in the config, or seen last run, that the server no longer has: unknown, not zero. */
  missing: string[];
  memory: Map<string, SlotMemory>;
}

export interface AssessOptions {
  /** Slots named in the config; undefined watches every logical slot. */
  wanted?: readonly string[];
  safeWalSizeMinBytes: number;
}

const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : Math.max(0, a - b));

/** A cumulative counter's rate; a decrease means the statistics were reset, and the new value is the increase. */
function rate(now: number | null, before: number | null | undefined, seconds: number): number | null {
  if (now === null || before === null || before === undefined || seconds <= 0) return null;
  return (now < before ? now : now - before) / seconds;
}

function signalsOf(row: SlotRow, retained: number | null, previous: SlotMemory | undefined, opts: AssessOptions): CdcSignal[] {
  const signals: CdcSignal[] = [];
  // Stopped: nobody streams from the slot, it confirmed nothing since the last run, and the WAL it
  // pins grew. A consumer that polls with SQL (inactive between polls) still confirms, so is not flagged.
  const confirmedNothing = previous !== undefined && row.confirmedFlushLsn === previous.confirmedFlushLsn;
  const grew = retained !== null && previous?.retainedBytes != null && retained > previous.retainedBytes;
  if (!row.active && confirmedNothing && grew) signals.push('stopped');
  if (row.walStatus === 'unreserved') signals.push('unreserved');
  if (row.walStatus === 'lost') signals.push('lost');
  if (row.safeWalSize !== null && row.safeWalSize < opts.safeWalSizeMinBytes) signals.push('safe-wal-low');
  return signals;
}

export function assessSlots(
  reading: SlotsReading,
  previous: ReadonlyMap<string, SlotMemory>,
  table: OffsetTimeTable,
  opts: AssessOptions,
): SlotsAssessment {
  recordEndOffset(table, reading.currentLsn, reading.at);
  const memory = new Map<string, SlotMemory>();
  const slots = reading.slots.map((row): SlotHealth => {
    const before = previous.get(row.slot);
    const retained = diff(reading.currentLsn, row.restartLsn);
    const seconds = before ? (reading.at - before.at) / 1000 : 0;
    memory.set(row.slot, {
      confirmedFlushLsn: row.confirmedFlushLsn,
      retainedBytes: retained,
      at: reading.at,
      spillBytes: row.spillBytes,
      streamBytes: row.streamBytes,
    });
    return {
      slot: row.slot,
      active: row.active,
      lagBytes: diff(reading.currentLsn, row.confirmedFlushLsn),
      lagSeconds:
        row.confirmedFlushLsn === null ? { seconds: null, kind: 'unknown' } : estimateLagSeconds(table, row.confirmedFlushLsn, reading.at),
      retainedBytes: retained,
      walStatusLevel: row.walStatus === null ? null : WAL_STATUS_LEVEL[row.walStatus],
      safeWalSize: row.safeWalSize,
      inactiveSeconds: row.active || row.inactiveSince === null ? null : Math.max(0, (reading.at - row.inactiveSince.getTime()) / 1000),
      spillBytesPerSecond: rate(row.spillBytes, before?.spillBytes, seconds),
      streamBytesPerSecond: rate(row.streamBytes, before?.streamBytes, seconds),
      signals: signalsOf(row, retained, before, opts),
    };
  });
  const present = new Set(reading.slots.map((s) => s.slot));
  const expected = opts.wanted ?? [...previous.keys()];
  return { slots, missing: expected.filter((name) => !present.has(name)), memory };
}
