// `/indexing`: per search source, why writes into the derived store fail — the cluster is
// overloaded (429, retry later) or the documents do not fit the mapping (400, never succeeds on retry).
import { PageHead } from '@/components/status/PageHead';
import type { RefreshInfo } from '@/components/status/RefreshNote';
import type { IndexingData } from '@/lib/views/indexing/schema';
import { SourcePanel } from './SourcePanel';

export function IndexingView({ data, refresh }: { data: IndexingData; refresh: RefreshInfo }) {
  const now = Date.parse(data.generatedAt);
  return (
    <main>
      <PageHead title="Indexing" refresh={refresh} />
      <p className="muted small">Readings older than {data.staleAfterSeconds} s show as unknown.</p>
      {data.sources.length === 0 ? (
        <p className="muted" data-testid="indexing-none">
          No search index is configured (truthflow.yaml, section indexes).
        </p>
      ) : (
        data.sources.map((s) => <SourcePanel key={s.source} panel={s} data={data} now={now} stale={refresh.stale} />)
      )}
    </main>
  );
}
