// Leading signals: an SLI threshold of minutes turns red only after minutes, while a stopped or
// lagging hop is visible within a few collector runs. Each signal belongs to one hop; the caller
// asks only for the hops in an SLO's scope (hops.ts), so a stall elsewhere moves nothing here.
import type { TruthflowConfig } from '../config';
import type { Reading, SeriesSelector } from '../store/queries/sli-readings';
import { SERIES } from '../series-names';
import type { Finding } from './cause';
import type { Hop } from './hops';

export type ReadNewest = (selector: SeriesSelector) => Promise<Reading[]>;
/** Every fresh reading of the matching series, oldest first; used to see a backlog growing. */
export type ReadRecent = (selector: SeriesSelector) => Promise<Reading[]>;

/**
 * A backlog counts as growing after this many consecutive increases, and only while its oldest
 * item is older than one collector interval: a healthy, busy hop also jitters upwards now and then,
 * but never holds anything for a whole interval.
 */
export const GROWTH_READINGS = 2;

export const round = (x: number) => (Math.abs(x) >= 10 ? Math.round(x) : Math.round(x * 10) / 10);

/** Series (by label set) whose last GROWTH_READINGS readings each went up: a backlog that keeps growing. */
function growingSeries(readings: Reading[]): { labels: Record<string, string>; from: number; to: number }[] {
  const bySeries = new Map<string, Reading[]>();
  for (const r of readings) {
    const key = JSON.stringify(r.labels);
    const points = bySeries.get(key);
    if (points) points.push(r);
    else bySeries.set(key, [r]);
  }
  return [...bySeries.values()].flatMap((points) => {
    const last = points.slice(-(GROWTH_READINGS + 1));
    const rising = last.length > GROWTH_READINGS && last.every((p, i) => i === 0 || p.value > last[i - 1]!.value);
    return rising ? [{ labels: last[0]!.labels, from: last[0]!.value, to: last.at(-1)!.value }] : [];
  });
}

export async function outboxAge(read: ReadNewest, outbox: string): Promise<number | null> {
  const rows = await read({ metric: SERIES.outboxOldestUnsentAgeSeconds, labels: { outbox }, withoutLabels: ['aggregate_type'] });
  return rows.length ? Math.max(...rows.map((r) => r.value)) : null;
}

/** The topic a consumer is furthest behind on, with its lag in seconds and messages. */
export async function worstTopicOf(
  read: ReadNewest,
  config: TruthflowConfig,
  consumerName: string,
): Promise<{ topic: string; seconds: number; messages: number | null } | null> {
  const consumer = config.consumers.find((c) => c.name === consumerName);
  if (!consumer) return null;
  const labels = { cluster: consumer.source, group: consumer.group };
  const seconds = await read({ metric: SERIES.kafkaLagSeconds, labels });
  if (seconds.length === 0) return null;
  const worst = seconds.reduce((a, b) => (b.value > a.value ? b : a));
  const topic = worst.labels.topic ?? '?';
  const messages = (await read({ metric: SERIES.kafkaLagMessages, labels: { ...labels, topic } }))[0]?.value ?? null;
  return { topic, seconds: worst.value, messages };
}

async function consumerSignals(read: ReadNewest, recent: ReadRecent, config: TruthflowConfig, hop: Hop): Promise<Finding[]> {
  const consumer = config.consumers.find((c) => c.name === hop.name);
  if (!consumer) return [];
  const labels = { cluster: consumer.source, group: consumer.group };
  const findings: Finding[] = [];
  const members = await read({ metric: SERIES.kafkaGroupMembers, labels });
  const worst = await worstTopicOf(read, config, hop.name);
  if (members.some((m) => m.value === 0)) {
    const figures = worst ? [worst.messages === null ? null : `${worst.messages} messages`, `${round(worst.seconds)} s behind`] : [];
    const behind = worst ? `: ${figures.filter(Boolean).join(', ')}` : '';
    findings.push({
      hop,
      signal: 'stalled',
      figure: worst ? { value: round(worst.seconds), unit: 's' } : null,
      words: `${hop.name} stalled${worst ? ` on ${worst.topic}` : ''}${behind}, no consumer in group ${consumer.group}`,
    });
  }
  const lagSeconds = await read({ metric: SERIES.kafkaLagSeconds, labels });
  const secondsOn = (topic: string | undefined) => lagSeconds.find((r) => r.labels.topic === topic)?.value ?? 0;
  for (const g of growingSeries(await recent({ metric: SERIES.kafkaLagMessages, labels }))) {
    const behind = secondsOn(g.labels.topic);
    if (behind <= config.collectors.intervalSeconds) continue;
    findings.push({
      hop,
      signal: 'backlog_growing',
      figure: { value: g.to, unit: 'messages' },
      words: `${hop.name} falling behind on ${g.labels.topic}: lag ${g.from} → ${g.to} messages, ${round(behind)} s behind`,
    });
  }
  return findings;
}

async function outboxSignals(read: ReadNewest, recent: ReadRecent, config: TruthflowConfig, hop: Hop): Promise<Finding[]> {
  const age = await outboxAge(read, hop.name);
  if (age === null || age <= config.collectors.intervalSeconds) return [];
  const growing = growingSeries(
    await recent({ metric: SERIES.outboxUnsentRows, labels: { outbox: hop.name }, withoutLabels: ['aggregate_type'] }),
  );
  return growing.map((g) => ({
    hop,
    signal: 'backlog_growing' as const,
    figure: { value: g.to, unit: 'rows' },
    words: `${hop.name} backlog growing: ${g.from} → ${g.to} unsent rows, oldest ${Math.round(age)} s`,
  }));
}

/** The replication-slot collector's signals (1 while they hold) as findings on the CDC hop. */
async function slotSignals(read: ReadNewest, hop: Hop): Promise<Finding[]> {
  const held = (await read({ metric: SERIES.cdcSlotSignal, labels: { cdc: hop.name } })).filter((r) => r.value === 1);
  return held.flatMap((r): Finding[] => {
    const slot = r.labels.slot ?? '?';
    switch (r.labels.signal) {
      case 'stopped':
        return [{ hop, signal: 'stalled', figure: null, words: `${hop.name}: slot ${slot} inactive while its retained WAL grows` }];
      case 'unreserved':
      case 'lost':
      case 'safe-wal-low':
        return [{ hop, signal: 'wal_at_risk', figure: null, words: `${hop.name}: slot ${slot} ${r.labels.signal.replace(/-/g, ' ')}` }];
      default:
        return []; // "missing" is a missing reading: the SLI is unknown and says so
    }
  });
}

/** Leading signals on the given hops only. */
export async function leadingSignals(
  hops: readonly Hop[],
  read: ReadNewest,
  recent: ReadRecent,
  config: TruthflowConfig,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const hop of hops) {
    if (hop.kind === 'consumer') findings.push(...(await consumerSignals(read, recent, config, hop)));
    if (hop.kind === 'outbox') findings.push(...(await outboxSignals(read, recent, config, hop)));
    if (hop.kind === 'cdc') findings.push(...(await slotSignals(read, hop)));
  }
  return findings;
}
