// One chart per SLO of the feature.
import { SliChart } from '@/components/charts/SliChart';
import type { SliChart as SliChartData } from '@/lib/views/feature/schema';

export function SliCharts({ charts, rangeWords }: { charts: SliChartData[]; rangeWords: string }) {
  if (charts.length === 0) return <p className="muted">No SLI data could be read.</p>;
  return (
    <div className="charts">
      {charts.map((chart) => (
        <SliChart key={chart.slo} chart={chart} rangeWords={rangeWords} />
      ))}
    </div>
  );
}
