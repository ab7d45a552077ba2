// One feature: its SLO verdicts, how its truth flows (lag on every hop), SLI charts over the URL's
// range, and its alert history.
import { PageHead } from '@/components/status/PageHead';
import type { RefreshInfo } from '@/components/status/RefreshNote';
import { TIER_WORDS } from '@/lib/views/shared/format';
import type { FeatureData } from '@/lib/views/feature/schema';
import { RANGE_WORDS } from '@/lib/views/shared/params';
import { AlertHistory } from './AlertHistory';
import { RangePicker } from './RangePicker';
import { SliCharts } from './SliCharts';
import { SloVerdicts } from './SloVerdicts';
import { TruthFlow } from './TruthFlow';

export function FeatureView({ data, refresh }: { data: FeatureData; refresh: RefreshInfo }) {
  const { feature } = data;
  const now = Date.parse(data.generatedAt);
  return (
    <main>
      <PageHead title={feature.name} refresh={refresh} />
      <p className="muted">
        {TIER_WORDS[feature.tier]} · owner {feature.owner}
        {feature.description ? ` · ${feature.description}` : ''}
      </p>
      <SloVerdicts slos={data.slos} now={now} staleAfterSeconds={data.staleAfterSeconds} stale={refresh.stale} />
      <section aria-label="Truth flow">
        <h2>Truth flow</h2>
        <p className="muted small">
          From the system of record to each derived store. Each hop shows what is still on its way, in messages and in seconds; readings
          older than {data.staleAfterSeconds} s show as unknown.
        </p>
        {data.flows.map((flow) => (
          <TruthFlow key={flow.pipeline} flow={flow} stale={refresh.stale} />
        ))}
      </section>
      <section aria-label="SLI charts">
        <div className="section-head">
          <h2>SLIs — {RANGE_WORDS[data.range]}</h2>
          <RangePicker feature={feature.name} current={data.range} />
        </div>
        <SliCharts charts={data.charts} rangeWords={RANGE_WORDS[data.range]} />
      </section>
      <AlertHistory alerts={data.alerts} />
    </main>
  );
}
