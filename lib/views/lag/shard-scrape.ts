// A cluster split into lag shards has one kafka-lag job, and so one scrape status, per shard. The
// cluster's line on /lag is the worst of them (a failing shard means some groups are not being
// read), and the notes saying a shard's verdict state started over after it moved are gathered
// from all of them.
import type { ScrapeStatusWithNotes } from '../../store/queries/scrape-status';
import { shardsOf, shardTargetName, STATE_REBUILT_NOTE } from '../../kafka/shards';
import type { StageScrape } from '../shared/schema';
import { describeScrape, scrapeLookup } from '../shared/stage-scrape';

const RANK: Record<StageScrape['state'], number> = { ok: 0, unknown: 1, failing: 2 };

export interface ClusterScrape {
  scrape: StageScrape;
  /** "state rebuilt after shard moved at …", one per shard that moved recently. */
  notes: string[];
}

export function clusterScrape(
  collector: string,
  cluster: string,
  shards: number,
  scrapes: ScrapeStatusWithNotes[],
  nowMs: number,
  staleAfter: number,
): ClusterScrape {
  const lookup = scrapeLookup(scrapes);
  const rows = new Map(scrapes.map((s) => [`${s.collector}\u0000${s.source}`, s]));
  const notes: string[] = [];
  let worst: StageScrape | undefined;
  for (const shard of shardsOf(shards)) {
    const source = shardTargetName(cluster, shard);
    const described = describeScrape({ collector, source }, lookup(collector, source), nowMs, staleAfter);
    const label = shards > 1 ? `shard ${shard.index}/${shards}: ` : '';
    for (const note of rows.get(`${collector}\u0000${source}`)?.notes ?? []) {
      if (note.startsWith(STATE_REBUILT_NOTE)) notes.push(`${label}${note}`);
    }
    if (!worst || RANK[described.state] > RANK[worst.state]) worst = { ...described, words: `${label}${described.words}` };
  }
  const scrape = worst!;
  // All fine: say so for the cluster as a whole rather than for one arbitrary shard.
  if (scrape.state === 'ok' && shards > 1) return { scrape: { ...scrape, source: cluster, words: `scraped (${shards} shards)` }, notes };
  return { scrape, notes };
}
