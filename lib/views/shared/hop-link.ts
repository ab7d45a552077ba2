// Where a cause's hop is looked at more closely: the stage page that shows that hop. Written once,
// so the overview row, and any later screen, send an SRE to the same place for the same hop.
// Pure: the loaders pass the config's consumers in, because a consumer's page is keyed by its
// cluster (the source) and group, which the cause itself does not carry.
import type { Hop } from '../../slo/hops';
import { consistencyHref } from '../consistency/params';
import { groupHref } from '../lag/params';

export interface HopLinkConfig {
  consumers: readonly { name: string; source: string; group: string }[];
}

/** The stage page for the hop, or null where no page shows that kind (the evaluator, CDC, caches, watermarks). */
export function hopHref(hop: Hop, config: HopLinkConfig): string | null {
  switch (hop.kind) {
    case 'consumer': {
      const consumer = config.consumers.find((c) => c.name === hop.name);
      return consumer ? groupHref(consumer.source, consumer.group) : '/lag';
    }
    case 'outbox':
      return '/outbox';
    case 'dlq':
      return '/dlq';
    case 'index':
      return '/indexing';
    case 'reconciliation':
      return consistencyHref(hop.name);
    default:
      return null;
  }
}
