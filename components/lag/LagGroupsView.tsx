// `/lag`: every consumer group of every cluster, one server-side page at a time, with the filters
// and sort order in the URL so a view can be shared as a link.
import { PageHead } from '@/components/status/PageHead';
import type { RefreshInfo } from '@/components/status/RefreshNote';
import { formatCount } from '@/lib/views/shared/format';
import type { LagGroupsData } from '@/lib/views/lag/schema';
import { ClusterList } from './ClusterList';
import { GroupFilters } from './GroupFilters';
import { GroupsTable } from './GroupsTable';
import { Pager } from './Pager';

export function LagGroupsView({ data, refresh }: { data: LagGroupsData; refresh: RefreshInfo }) {
  const { params, total, pages } = data;
  return (
    <main>
      <PageHead title="Consumer lag" refresh={refresh} />
      <ClusterList clusters={data.clusters} now={Date.parse(data.generatedAt)} staleAfterSeconds={data.staleAfterSeconds} />
      <GroupFilters data={data} />
      <p className="muted small" data-testid="groups-summary" data-total={total} data-page={params.page} data-pages={pages}>
        {formatCount(total)} group{total === 1 ? '' : 's'} match · page {params.page} of {pages} · {params.size} per page · unknown lag
        sorts last
      </p>
      <GroupsTable data={data} stale={refresh.stale} />
      <Pager params={params} pages={pages} />
    </main>
  );
}
