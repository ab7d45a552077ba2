// One feature: its SLO verdicts with their causes, how its truth flows (lag on every hop, the cause
// hops outlined), when each hop's signals began and ended, SLI charts over the URL's range (with
// Truthflow's own downtime shaded), its alert history and how delivery of its alerts is going.
import { PageHead } from '@/components/status/PageHead';
import type { RefreshInfo } from '@/components/status/RefreshNote';
import { TIER_WORDS } from '@/lib/views/shared/format';
import type { FeatureData } from '@/lib/views/feature/schema';
import { RANGE_WORDS } from '@/lib/views/shared/params';
import type { SloSummary } from '@/lib/views/shared/schema';
import { AlertHistory } from './AlertHistory';
import { DeliveryState } from './DeliveryState';
import { IncidentTimeline } from './IncidentTimeline';
import { RangePicker } from './RangePicker';
import { SliCharts } from './SliCharts';
import { SloVerdicts } from './SloVerdicts';
import { TruthFlow } from './TruthFlow';

/** Which SLOs blame which hop (`kind:name`), for outlining the strip. */
function causesByHop(slos: SloSummary[]): Map<string, string[]> {
  const byHop = new Map<string, string[]>();
  for (const slo of slos) {
    if (!slo.cause) continue;
    const key = `${slo.cause.hop.kind}:${slo.cause.hop.name}`;
    byHop.set(key, [...(byHop.get(key) ?? []), slo.name]);
  }
  return byHop;
}

export function FeatureView({ data, refresh }: { data: FeatureData; refresh: RefreshInfo }) {
  const { feature } = data;
  const now = Date.parse(data.generatedAt);
  const causes = causesByHop(data.slos);
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
          <TruthFlow key={flow.pipeline} flow={flow} stale={refresh.stale} causes={causes} />
        ))}
      </section>
      <IncidentTimeline timeline={data.timeline} rangeWords={RANGE_WORDS[data.range]} />
      <section aria-label="SLI charts">
        <div className="section-head">
          <h2>SLIs — {RANGE_WORDS[data.range]}</h2>
          <RangePicker feature={feature.name} current={data.range} />
        </div>
        <SliCharts charts={data.charts} rangeWords={RANGE_WORDS[data.range]} notObserved={data.notObserved} />
      </section>
      <AlertHistory alerts={data.alerts} />
      <DeliveryState deliveries={data.deliveries} />
    </main>
  );
}
