// Replication-slot collector (CDC health): per configured `cdc` entry, the logical slots it names
// (or every logical slot) on its postgres source. Per slot: active, confirmed-flush lag in bytes and
// seconds, WAL retained, wal_status, safe_wal_size, inactive time (PostgreSQL 17+), spill and stream
// rates; and the signals a stopped or doomed slot gives. See docs/algorithms.md "CDC slot health".
//
// A slot that disappears gets the `missing` signal and no figures: a dropped slot is unknown, never
// a lag of zero. Read-only: the role needs pg_monitor and nothing else.
import type { CdcConfig } from '@/lib/config/schema-flows';
import { assessSlots, type SlotHealth, type SlotMemory } from '@/lib/cdc/health';
import { readSlots } from '@/lib/cdc/read';
import { createOffsetTimeTable, type OffsetTimeTable } from '@/lib/kafka/lag-seconds';
import { SERIES } from '@/lib/series-names';
import { postgresError } from './outbox/errors';
import type { Collector, JobOutput, SampleInput } from './types';

export interface ReplicationSlotsState {
  /** (WAL position, server time) points of the source, the time axis of every slot's lag seconds. */
  wal: OffsetTimeTable;
  slots: Map<string, SlotMemory>;
}

const MIB = 1024 * 1024;

export const replicationSlotsCollector: Collector<CdcConfig, ReplicationSlotsState> = {
  name: 'replication-slots',
  targets: (config) => config.cdc,
  initialState: () => ({ wal: createOffsetTimeTable(), slots: new Map() }),
  async collect(ctx) {
    const { target, state } = ctx;
    let reading;
    try {
      reading = await readSlots(ctx.clients.postgres(target.source), target.slots);
    } catch (error) {
      throw postgresError(error, `replication slots of "${target.name}" on ${target.source}`);
    }
    const assessment = assessSlots(reading, state.slots, state.wal, {
      wanted: target.slots,
      safeWalSizeMinBytes: target.safeWalSizeMinBytes,
    });
    state.slots = assessment.memory;
    return output(target, assessment.slots, assessment.missing, reading.features.inRecovery);
  },
};

function slotSamples(cdc: string, h: SlotHealth): SampleInput[] {
  const labels: Record<string, string> = { cdc, slot: h.slot };
  const figures: [string, number | null][] = [
    [SERIES.cdcSlotActive, h.active ? 1 : 0],
    [SERIES.cdcSlotLagBytes, h.lagBytes],
    [SERIES.cdcLagSeconds, h.lagSeconds.seconds],
    [SERIES.cdcWalRetainedBytes, h.retainedBytes],
    [SERIES.cdcSafeWalSizeBytes, h.safeWalSize],
    [SERIES.cdcWalStatusLevel, h.walStatusLevel],
    [SERIES.cdcSlotInactiveSeconds, h.inactiveSeconds],
    [SERIES.cdcSpillBytesPerSecond, h.spillBytesPerSecond],
    [SERIES.cdcStreamBytesPerSecond, h.streamBytesPerSecond],
  ];
  const samples = figures.flatMap(([metric, value]) => (value === null ? [] : [{ metric, labels, value }]));
  for (const signal of h.signals) samples.push({ metric: SERIES.cdcSlotSignal, labels: { ...labels, signal }, value: 1 });
  return samples;
}

function noteOf(h: SlotHealth): string | undefined {
  const retained = h.retainedBytes === null ? 'unknown' : `${(h.retainedBytes / MIB).toFixed(1)} MiB`;
  const words: Record<string, string> = {
    stopped: `slot "${h.slot}" has no consumer and confirmed nothing since the last run while its retained WAL grew to ${retained}`,
    unreserved: `slot "${h.slot}" is unreserved: its WAL is past max_slot_wal_keep_size and may be removed at the next checkpoint`,
    lost: `slot "${h.slot}" is lost: the WAL it needs is gone; its consumer must take a new snapshot`,
    'safe-wal-low': `slot "${h.slot}" can fall ${h.safeWalSize === null ? '?' : (h.safeWalSize / MIB).toFixed(1)} MiB further behind before it is lost`,
  };
  const said = h.signals.map((s) => words[s]).filter((w): w is string => w !== undefined);
  return said.length ? said.join('; ') : undefined;
}

function output(target: CdcConfig, slots: SlotHealth[], missing: string[], standby: boolean): JobOutput {
  const samples = slots.flatMap((h) => slotSamples(target.name, h));
  for (const slot of missing)
    samples.push({ metric: SERIES.cdcSlotSignal, labels: { cdc: target.name, slot, signal: 'missing' }, value: 1 });
  const notes = slots.map(noteOf).filter((n): n is string => n !== undefined);
  for (const slot of missing) notes.push(`slot "${slot}" not found on ${target.source} (dropped?); its lag is unknown`);
  if (slots.length === 0 && target.slots === undefined) notes.push(`no logical replication slot on ${target.source}`);
  if (standby) notes.push(`${target.source} is a standby: positions are measured against the WAL it has received`);
  const worst = slots.reduce<SlotHealth | undefined>((w, h) => ((h.lagBytes ?? -1) > (w?.lagBytes ?? -1) ? h : w), undefined);
  const seconds = worst?.lagSeconds.seconds;
  const summary = [
    `${slots.length} slot${slots.length === 1 ? '' : 's'}`,
    worst
      ? `worst ${worst.slot}: ${worst.lagBytes ?? '?'} B behind, ${seconds === null || seconds === undefined ? 'seconds unknown' : `${seconds.toFixed(1)} s`}`
      : '',
    missing.length ? `${missing.length} missing` : '',
  ].filter(Boolean);
  return { samples, summary: summary.join(', '), notes: notes.length ? notes : undefined };
}
