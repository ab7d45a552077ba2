// Which collector reads a hop, and under which scrape-status source name, so that an unknown SLI
// can say "kafka-lag collector failing for events: connection refused" instead of just "no data".
import type { TruthflowConfig } from '../config';
import type { Hop } from './hops';

export interface HopCollector {
  collector: string;
  /** The scrape_status source: the collector's target name. */
  source: string;
}

export function collectorOfHop(config: TruthflowConfig, hop: Hop): HopCollector | null {
  switch (hop.kind) {
    case 'outbox':
      return { collector: 'outbox', source: hop.name };
    case 'dlq':
      return { collector: 'dlq', source: hop.name };
    case 'consumer': {
      const source = config.consumers.find((c) => c.name === hop.name)?.source;
      return source ? { collector: 'kafka-lag', source } : null;
    }
    case 'index': {
      const source = config.indexes.find((i) => i.name === hop.name)?.source;
      return source ? { collector: 'indexing', source } : null;
    }
    case 'cdc':
      return { collector: 'replication-slots', source: hop.name };
    case 'cache':
      return { collector: 'cache', source: hop.name };
    case 'watermark':
      return { collector: 'watermark', source: hop.name };
    case 'reconciliation':
      return { collector: 'reconcile', source: hop.name };
    default:
      return null;
  }
}
