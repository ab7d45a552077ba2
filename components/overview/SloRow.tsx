// One SLO on the overview, in one table row: status, the cause in words (its hop linked to the
// stage page), SLI now against the threshold, budget, the worst burn pair, when the budget runs
// out and how old the verdict is. While the page's own refresh is failing every status reads
// unknown and the figures are greyed.
import { CauseText } from '@/components/status/CauseText';
import { DataAge } from '@/components/status/DataAge';
import { StatusWord } from '@/components/status/StatusWord';
import type { SliUnit } from '@/lib/config/schema-features';
import type { OverviewSlo } from '@/lib/views/overview/schema';
import { worstPair } from '@/lib/views/overview/worst-pair';
import { formatBudget, formatBurn, formatClock, formatDuration, formatSli, UNKNOWN } from '@/lib/views/shared/format';
import { MiniSpark } from './MiniSpark';

interface Props {
  slo: OverviewSlo;
  now: number;
  staleAfterSeconds: number;
  stale: boolean;
}

/** Time until the budget is gone at the current burn: "spent", "in 3.2 h", or "not burning". */
function exhaustionWords(slo: OverviewSlo, now: number, stale: boolean): { words: string; title?: string } {
  if (stale || slo.budgetRemaining === null) return { words: UNKNOWN };
  if (slo.budgetRemaining <= 0) return { words: 'spent' };
  if (!slo.exhaustionAt) return { words: 'not burning' };
  return { words: `in ${formatDuration((Date.parse(slo.exhaustionAt) - now) / 1000)}`, title: `at ${formatClock(slo.exhaustionAt)}` };
}

function WorstPair({ slo, stale }: { slo: OverviewSlo; stale: boolean }) {
  const pair = worstPair(slo.burnPairs);
  if (!pair) return <span className="muted">—</span>;
  const state = stale ? 'unknown' : pair.state;
  return (
    <span
      className={`status-${state}`}
      data-testid="burn-pair"
      data-rule={pair.rule}
      data-state={state}
      title={`${pair.rule}: long and short window burn against the alert threshold`}
    >
      {pair.longWindow}/{pair.shortWindow} {formatBurn(stale ? null : pair.long)}/{formatBurn(stale ? null : pair.short)}{' '}
      <span className="muted">≥ {formatBurn(pair.threshold)}</span>
    </span>
  );
}

export function SloRow({ slo, now, staleAfterSeconds, stale }: Props) {
  const unit = slo.unit as SliUnit;
  const status = stale ? 'unknown' : slo.status;
  const exhaustion = exhaustionWords(slo, now, stale);
  return (
    <>
      <td className="slo-name" title={`${slo.sli}: objective ${(slo.objective * 100).toFixed(2)} % of minutes over ${slo.period}`}>
        {slo.name}
      </td>
      <td>
        <StatusWord status={status} testId="slo-status" />
      </td>
      <td className={stale ? 'cause-cell greyed' : 'cause-cell'}>
        {stale ? (
          <span className="cause" data-testid="cause">
            this page cannot refresh: the figures are not current
          </span>
        ) : slo.cause ? (
          <CauseText cause={slo.cause} href={slo.causeHref} />
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className={stale ? 'greyed' : undefined} data-testid="sli-now">
        <strong>{formatSli(stale ? null : slo.sliValue, unit)}</strong> <span className="muted">/ {formatSli(slo.threshold, unit)}</span>
      </td>
      <td>
        <MiniSpark
          points={slo.sparkline}
          threshold={slo.threshold}
          summary={`${slo.name}: SLI over the last hour against ${formatSli(slo.threshold, unit)}`}
        />
      </td>
      <td data-testid="budget" className={stale ? 'greyed' : undefined}>
        {formatBudget(stale ? null : slo.budgetRemaining)}
      </td>
      <td>
        <WorstPair slo={slo} stale={stale} />
      </td>
      <td title={exhaustion.title} suppressHydrationWarning>
        {exhaustion.words}
      </td>
      <td>
        <DataAge at={slo.evaluatedAt} now={now} staleAfterSeconds={staleAfterSeconds} />
      </td>
    </>
  );
}
