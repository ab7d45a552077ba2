// Per cluster: how many groups its snapshot holds, how old that snapshot is, and how the kafka-lag
// collector is doing. A cluster without a snapshot says so instead of showing zero groups as fact.
import { ScrapeLine } from '@/components/outbox/ScrapeLine';
import { DataAge } from '@/components/status/DataAge';
import { formatCount } from '@/lib/views/shared/format';
import type { ClusterSummary } from '@/lib/views/lag/schema';

export function ClusterList({ clusters, now, staleAfterSeconds }: { clusters: ClusterSummary[]; now: number; staleAfterSeconds: number }) {
  if (clusters.length === 0) return <p className="muted">No Kafka source is configured and the store holds no lag snapshot.</p>;
  return (
    <section aria-label="Clusters">
      <h2>Clusters</h2>
      <ul className="grid cluster-list">
        {clusters.map((c) => (
          <li key={c.cluster} className="panel" data-testid="cluster" data-cluster={c.cluster}>
            <strong>{c.cluster}</strong>{' '}
            <span className="muted small">
              {c.snapshotAt === null
                ? 'no snapshot stored yet'
                : `${formatCount(c.groups)} group${c.groups === 1 ? '' : 's'} in the snapshot`}
            </span>
            <div className="small">
              snapshot <DataAge at={c.snapshotAt} now={now} staleAfterSeconds={staleAfterSeconds} />
            </div>
            <ScrapeLine scrape={c.scrape} notes={c.notes} />
          </li>
        ))}
      </ul>
    </section>
  );
}
