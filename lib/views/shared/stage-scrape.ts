// Which collector run watches a stage, and how that run is doing. The runner records scrape status
// per collector and target; a target is the outbox or DLQ itself, but the Kafka and search
// collectors run once per source, so consumer and index stages look up their source's row.
import type { StageConfig, TruthflowConfig } from '../../config';
import { ERROR_KIND_WORDS, type ErrorKind } from '../../errors';
import { lagSourceOfGroup } from '../../kafka/shards';
import type { ScrapeStatusView } from '../../store/queries/scrape-status';
import { isStale } from './freshness';
import type { StageScrape } from './schema';

/** The collectors' names as their runs record scrape status (collectors/*.ts name them so). */
export const COLLECTORS = {
  outbox: 'outbox',
  dlq: 'dlq',
  kafkaLag: 'kafka-lag',
  indexing: 'indexing',
  replicationSlots: 'replication-slots',
  cache: 'cache',
  watermark: 'watermark',
} as const;

export type ScrapeLookup = (collector: string, source: string) => ScrapeStatusView | undefined;

export function scrapeLookup(rows: ScrapeStatusView[]): ScrapeLookup {
  const byKey = new Map(rows.map((r) => [`${r.collector}\u0000${r.source}`, r]));
  return (collector, source) => byKey.get(`${collector}\u0000${source}`);
}

export function scrapeTarget(config: TruthflowConfig, stage: StageConfig): { collector: string; source: string } | null {
  switch (stage.kind) {
    case 'outbox':
      return { collector: COLLECTORS.outbox, source: stage.name };
    case 'dlq':
      return { collector: COLLECTORS.dlq, source: stage.name };
    case 'consumer': {
      const consumer = config.consumers.find((c) => c.name === stage.name);
      const kafka = consumer && config.sources[consumer.source];
      // A cluster split into lag shards is read by one job per shard: the one holding this group.
      const shards = kafka?.kind === 'kafka' ? kafka.lagShards : 1;
      return consumer ? { collector: COLLECTORS.kafkaLag, source: lagSourceOfGroup(consumer.source, consumer.group, shards) } : null;
    }
    case 'index': {
      const source = config.indexes.find((i) => i.name === stage.name)?.source;
      return source ? { collector: COLLECTORS.indexing, source } : null;
    }
    case 'cdc':
      return { collector: COLLECTORS.replicationSlots, source: stage.name };
    case 'cache':
      return { collector: COLLECTORS.cache, source: stage.name };
    case 'watermark':
      return { collector: COLLECTORS.watermark, source: stage.name };
  }
}

const kindWords = (kind: string | null) => (kind && kind in ERROR_KIND_WORDS ? ERROR_KIND_WORDS[kind as ErrorKind] : (kind ?? 'failed'));

export function describeScrape(
  target: { collector: string; source: string },
  row: ScrapeStatusView | undefined,
  nowMs: number,
  staleAfter: number,
): StageScrape {
  const base = { ...target, lastSuccessAt: row?.lastSuccessAt?.toISOString() ?? null, consecutiveFailures: row?.consecutiveFailures ?? 0 };
  if (!row) return { ...base, state: 'unknown', words: `the ${target.collector} collector has never reported on ${target.source}` };
  if (isStale(row.lastAttemptAt, nowMs, staleAfter)) {
    return { ...base, state: 'unknown', words: `no ${target.collector} run for over ${staleAfter} s: is the collectors process running?` };
  }
  if (row.consecutiveFailures > 0 || row.lastErrorKind) {
    const message = row.lastErrorMessage ? `: ${row.lastErrorMessage}` : '';
    return {
      ...base,
      state: 'failing',
      words: `${kindWords(row.lastErrorKind)}${message} (${row.consecutiveFailures} failed run${row.consecutiveFailures === 1 ? '' : 's'} in a row)`,
    };
  }
  return { ...base, state: 'ok', words: 'scraped' };
}

export function stageScrape(
  config: TruthflowConfig,
  stage: StageConfig,
  lookup: ScrapeLookup,
  nowMs: number,
  staleAfter: number,
): StageScrape | null {
  const target = scrapeTarget(config, stage);
  return target ? describeScrape(target, lookup(target.collector, target.source), nowMs, staleAfter) : null;
}
