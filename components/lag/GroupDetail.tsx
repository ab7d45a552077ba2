// One consumer group: its verdict and totals, every partition (committed, end, lag in messages and
// seconds with how the seconds were estimated), and lag over the URL's time range.
import Link from 'next/link';
import { ScrapeLine } from '@/components/outbox/ScrapeLine';
import { DataAge } from '@/components/status/DataAge';
import { RefreshNote, type RefreshInfo } from '@/components/status/RefreshNote';
import { formatCount, formatDuration, formatPercent } from '@/lib/views/shared/format';
import { lagHref } from '@/lib/views/lag/params';
import type { LagGroupDetail } from '@/lib/views/lag/schema';
import { RANGE_WORDS } from '@/lib/views/shared/params';
import { GroupRangePicker } from './GroupRangePicker';
import { LagCharts } from './LagCharts';
import { LagValue } from './LagValue';
import { PartitionsTable } from './PartitionsTable';
import { VerdictWord } from './VerdictWord';

export function GroupDetail({ data, refresh }: { data: LagGroupDetail; refresh: RefreshInfo }) {
  const { group } = data;
  const old = refresh.stale || group.stale;
  const now = Date.parse(data.generatedAt);
  return (
    <main>
      <p className="small">
        <Link href={lagHref({ cluster: group.cluster, sort: 'lag', dir: 'desc', page: 1, size: 50 })}>← groups of {group.cluster}</Link>
      </p>
      <div className="page-head">
        <h1 className="wrap" data-testid="group-heading">
          {group.groupId}
        </h1>
        <RefreshNote refresh={refresh} />
      </div>
      <p className="muted">
        cluster {group.cluster} · state {group.state} · {group.members} member{group.members === 1 ? '' : 's'} · topics{' '}
        {group.topics.join(', ') || 'none'}
        {data.configured.length > 0 && ` · configured as ${data.configured.map((c) => c.name).join(', ')}`}
      </p>
      {group.stale && (
        <p role="status" className="status status-unknown" data-testid="snapshot-stale">
          ? The kafka-lag collector has not refreshed this snapshot for over {data.staleAfterSeconds} s: lag and verdicts are unknown now.
        </p>
      )}
      <dl className="facts" data-testid="group-facts">
        <div>
          <dt>Verdict</dt>
          <dd>
            <VerdictWord verdict={group.verdict} stale={old} testId="group-verdict" />
          </dd>
        </div>
        <div>
          <dt>Lag (messages)</dt>
          <dd>
            <LagValue
              value={group.lagMessages}
              format={formatCount}
              stale={old}
              at={group.updatedAt}
              why="no committed offset"
              testId="group-lag-messages"
            />
          </dd>
        </div>
        <div>
          <dt>Lag (seconds, worst partition)</dt>
          <dd>
            <LagValue
              value={group.lagSeconds}
              format={formatDuration}
              stale={old}
              at={group.updatedAt}
              why="not enough observations yet"
              testId="group-lag-seconds"
            />
          </dd>
        </div>
        <div>
          <dt>Worst partition</dt>
          <dd>{group.worstPartition ?? '—'}</dd>
        </div>
        <div>
          <dt>Verdict window filled</dt>
          <dd>{formatPercent(group.windowComplete, 0)}</dd>
        </div>
        <div>
          <dt>Snapshot</dt>
          <dd>
            <DataAge at={group.updatedAt} now={now} staleAfterSeconds={data.staleAfterSeconds} />
          </dd>
        </div>
      </dl>
      <ScrapeLine scrape={data.scrape} />
      <section aria-label="Partitions">
        <h2>Partitions</h2>
        <PartitionsTable partitions={data.partitions} stale={old} at={group.updatedAt} />
      </section>
      <section aria-label="Lag over time">
        <div className="section-head">
          <h2 data-testid="chart-heading">Lag — {RANGE_WORDS[data.range]}</h2>
          <GroupRangePicker cluster={group.cluster} group={group.groupId} current={data.range} />
        </div>
        <LagCharts charts={data.charts} rangeWords={RANGE_WORDS[data.range]} />
      </section>
    </main>
  );
}
