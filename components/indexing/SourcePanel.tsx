// One search source: overload vs bad documents, then per node rates and per index doc counts.
import { ScrapeLine } from '@/components/outbox/ScrapeLine';
import { DataAge } from '@/components/status/DataAge';
import { MeasureValue } from '@/components/status/MeasureValue';
import { formatCount, formatRate } from '@/lib/views/shared/format';
import type { IndexingData, SearchSourcePanel } from '@/lib/views/indexing/schema';
import type { Measure } from '@/lib/views/shared/schema';
import { RejectionSplit } from './RejectionSplit';

const perSecond = (v: number) => formatRate(v, '/s');

export function SourcePanel({ panel: p, data, now, stale }: { panel: SearchSourcePanel; data: IndexingData; now: number; stale: boolean }) {
  const shown = (m: Measure): Measure => (stale ? { value: null, at: m.at } : m);
  return (
    <section className="panel stage-panel" aria-label={`Search source ${p.source}`} data-testid="search-source" data-source={p.source}>
      <h2>{p.source}</h2>
      <p className="muted small">
        {p.kind} · newest node reading <DataAge at={p.totals.indexOpsPerSecond.at} now={now} staleAfterSeconds={data.staleAfterSeconds} />
      </p>
      <ScrapeLine scrape={p.scrape} notes={p.notes} />
      <RejectionSplit panel={p} data={data} shown={shown} />
      <h3>Nodes</h3>
      {p.nodes.length === 0 ? (
        <p className="small status-unknown" data-testid="nodes-empty">
          No node reading in the last hour: rates unknown.
        </p>
      ) : (
        <table className="compact" data-testid="nodes">
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">Write rejections (429)</th>
              <th scope="col">Index operations</th>
              <th scope="col">Index failures</th>
            </tr>
          </thead>
          <tbody>
            {p.nodes.map((n) => (
              <tr key={n.node} data-node={n.node}>
                <td className="wrap">{n.node}</td>
                <td>
                  <MeasureValue measure={shown(n.writeRejectionsPerSecond)} format={perSecond} />
                </td>
                <td>
                  <MeasureValue measure={shown(n.indexOpsPerSecond)} format={perSecond} />
                </td>
                <td>
                  <MeasureValue measure={shown(n.indexFailuresPerSecond)} format={perSecond} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Indexes</h3>
      <table className="compact" data-testid="indexes">
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">Index</th>
            <th scope="col">Documents</th>
          </tr>
        </thead>
        <tbody>
          {p.indexes.map((ix) => (
            <tr key={ix.name} data-index={ix.name}>
              <td>{ix.name}</td>
              <td>{ix.index}</td>
              <td>
                <MeasureValue measure={shown(ix.docs)} format={formatCount} testId="doc-count" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
