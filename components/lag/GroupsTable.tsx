// One page of groups. Column headers are links that sort on the server; the current sort says its
// direction in words (aria-sort too), not only with an arrow.
import Link from 'next/link';
import { formatCount, formatDuration, formatPercent } from '@/lib/views/shared/format';
import type { GroupSort } from '@/lib/sql/order';
import { groupHref, pageHref, sortHref, type LagListParams } from '@/lib/views/lag/params';
import type { LagGroupsData } from '@/lib/views/lag/schema';
import { LagValue } from './LagValue';
import { VerdictWord } from './VerdictWord';

const SORT_WORDS: Record<GroupSort, { asc: string; desc: string }> = {
  lag: { desc: 'largest first', asc: 'smallest first' },
  lagSeconds: { desc: 'largest first', asc: 'smallest first' },
  group: { asc: 'A to Z', desc: 'Z to A' },
  verdict: { desc: 'worst first', asc: 'best first' },
};

function SortHeader({ params, sort, label }: { params: LagListParams; sort: GroupSort; label: string }) {
  const active = params.sort === sort;
  return (
    <th aria-sort={active ? (params.dir === 'asc' ? 'ascending' : 'descending') : 'none'} scope="col">
      <Link href={sortHref(params, sort)} data-testid={`sort-${sort}`} scroll={false}>
        {label}
      </Link>
      {active && (
        <span className="muted small">
          {' '}
          {params.dir === 'asc' ? '▲' : '▼'} {SORT_WORDS[sort][params.dir]}
        </span>
      )}
    </th>
  );
}

export function GroupsTable({ data, stale }: { data: LagGroupsData; stale: boolean }) {
  const { params, groups, pages } = data;
  if (groups.length === 0) {
    return (
      <p className="muted" data-testid="groups-empty">
        {params.page > pages ? (
          <>
            No groups on page {params.page}: the last page is <Link href={pageHref(params, pages)}>page {pages}</Link>.
          </>
        ) : (
          'No consumer group matches. Groups appear once the kafka-lag collector has stored a snapshot of their cluster.'
        )}
      </p>
    );
  }
  return (
    <div className="table-scroll">
      <table data-testid="groups-table">
        <thead>
          <tr>
            <SortHeader params={params} sort="group" label="Group" />
            <th scope="col">Cluster</th>
            <th scope="col">State</th>
            <th scope="col">Members</th>
            <SortHeader params={params} sort="lag" label="Lag (messages)" />
            <SortHeader params={params} sort="lagSeconds" label="Lag (seconds)" />
            <SortHeader params={params} sort="verdict" label="Verdict" />
            <th scope="col">Worst partition</th>
            <th scope="col">Topics</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => {
            const old = stale || g.stale;
            return (
              <tr key={`${g.cluster}/${g.groupId}`} data-testid="group-row" data-group={g.groupId} data-cluster={g.cluster}>
                <td className="wrap">
                  <Link href={groupHref(g.cluster, g.groupId)}>{g.groupId}</Link>
                </td>
                <td>{g.cluster}</td>
                <td>{g.state}</td>
                <td>{g.members}</td>
                <td>
                  <LagValue
                    value={g.lagMessages}
                    format={formatCount}
                    stale={old}
                    at={g.updatedAt}
                    why="no committed offset"
                    testId="lag-messages"
                  />
                </td>
                <td>
                  <LagValue
                    value={g.lagSeconds}
                    format={formatDuration}
                    stale={old}
                    at={g.updatedAt}
                    why="not enough observations yet"
                    testId="lag-seconds"
                  />
                </td>
                <td>
                  <VerdictWord verdict={g.verdict} stale={old} testId="verdict" />
                  {g.windowComplete !== null && g.windowComplete < 1 && !old && (
                    <span className="muted small" title="share of the verdict window filled with observations">
                      {' '}
                      window {formatPercent(g.windowComplete, 0)}
                    </span>
                  )}
                </td>
                <td>{g.worstPartition ?? '—'}</td>
                <td className="wrap small">{g.topics.join(', ') || '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
