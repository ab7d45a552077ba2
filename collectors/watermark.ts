// Watermark collector: per configured warehouse-like target, watermark_lag_seconds (now − the newest
// event time loaded) and, with a load-time column, late arrivals per minute. See
// lib/warehouse/watermark.ts and docs/algorithms.md "Warehouse watermarks".
//
// An empty table has no watermark: no lag sample and a note (unknown, not zero). The first run has
// no previous watermark, so no late-arrival rate either.
import type { WatermarkConfig } from '@/lib/config/schema-flows';
import { SERIES } from '@/lib/series-names';
import { buildWatermarkQueries, readWatermark, type WatermarkReading } from '@/lib/warehouse/watermark';
import { postgresError } from './outbox/errors';
import type { Collector, JobOutput, SampleInput } from './types';

export interface WatermarkState {
  previous?: { dbNow: string; watermark: string | null };
}

export const watermarkCollector: Collector<WatermarkConfig, WatermarkState> = {
  name: 'watermark',
  targets: (config) => config.watermarks,
  initialState: () => ({}),
  async collect(ctx) {
    const { target, state } = ctx;
    let reading: WatermarkReading;
    try {
      reading = await readWatermark(ctx.clients.postgres(target.source), buildWatermarkQueries(target), state.previous);
    } catch (error) {
      throw postgresError(error, `watermark "${target.name}" (${target.table}.${target.eventTimeColumn})`);
    }
    // A table emptied (truncated and reloaded) keeps the last watermark as the bar for lateness.
    state.previous = { dbNow: reading.dbNow, watermark: reading.watermark ?? state.previous?.watermark ?? null };
    return output(target, reading);
  },
};

function output(target: WatermarkConfig, reading: WatermarkReading): JobOutput {
  const labels = { watermark: target.name };
  const samples: SampleInput[] = [];
  const notes: string[] = [];
  const parts: string[] = [];
  if (reading.lagSeconds === null) {
    notes.push(
      `${target.table} holds no ${target.eventTimeColumn} yet${target.key ? ` for ${target.keyColumn} = ${target.key}` : ''}; lag unknown`,
    );
    parts.push('no watermark yet');
  } else {
    // An event time ahead of the database clock (a skewed producer) is not negative lag.
    const lag = Math.max(0, reading.lagSeconds);
    samples.push({ metric: SERIES.watermarkLagSeconds, labels, value: lag });
    parts.push(`watermark ${reading.watermark}, ${lag.toFixed(1)} s behind`);
  }
  if (reading.late && reading.late.elapsedSeconds > 0) {
    const perMinute = (reading.late.rows / reading.late.elapsedSeconds) * 60;
    samples.push({ metric: SERIES.watermarkLateArrivalsPerMinute, labels, value: perMinute });
    parts.push(`${perMinute.toFixed(2)} late rows/min`);
  }
  return { samples, summary: parts.join(', '), notes: notes.length ? notes : undefined };
}
