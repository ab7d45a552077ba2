// One chart per SLO of the feature.
import { SliChart, type TimeRange } from '@/components/charts/SliChart';
import type { SliChart as SliChartData } from '@/lib/views/feature/schema';

export function SliCharts({ charts, rangeWords, notObserved }: { charts: SliChartData[]; rangeWords: string; notObserved: TimeRange[] }) {
  if (charts.length === 0) return <p className="muted">No SLI data could be read.</p>;
  return (
    <div className="charts">
      {charts.map((chart) => (
        <SliChart key={chart.slo} chart={chart} rangeWords={rangeWords} notObserved={notObserved} />
      ))}
    </div>
  );
}
