// One outbox: backlog now, publish rate, the breakdown by aggregate type, and what the collector
// says (failures in words, notes such as the partial index the backlog query wants).
import { DataAge } from '@/components/status/DataAge';
import { MeasureValue } from '@/components/status/MeasureValue';
import { formatCount, formatDuration, formatRate } from '@/lib/views/shared/format';
import type { OutboxPanel as OutboxPanelData } from '@/lib/views/outbox/schema';
import type { Measure } from '@/lib/views/shared/schema';
import { ScrapeLine } from './ScrapeLine';

const UNKNOWN_NOW: Measure = { value: null, at: null };
const bytes = (n: number) => (n < 1024 * 1024 ? `${formatCount(n)} B` : `${(n / 1024 / 1024).toFixed(1)} MiB`);

export function OutboxPanel({
  outbox: o,
  now,
  staleAfterSeconds,
  stale,
}: {
  outbox: OutboxPanelData;
  now: number;
  staleAfterSeconds: number;
  stale: boolean;
}) {
  // A failing refresh means none of these can be vouched for now.
  const shown = (m: Measure) => (stale ? { ...UNKNOWN_NOW, at: m.at } : m);
  return (
    <section className="panel stage-panel" aria-label={`Outbox ${o.name}`} data-testid="outbox" data-outbox={o.name}>
      <h2>{o.name}</h2>
      <p className="muted small">
        table {o.table} on {o.source} · layout {o.layout} · newest reading{' '}
        <DataAge at={o.unsentRows.at} now={now} staleAfterSeconds={staleAfterSeconds} />
      </p>
      <dl className="facts">
        <div>
          <dt>Unsent rows</dt>
          <dd>
            <MeasureValue measure={shown(o.unsentRows)} format={formatCount} testId="unsent-rows" />
          </dd>
        </div>
        <div>
          <dt>Oldest unsent</dt>
          <dd>
            <MeasureValue measure={shown(o.oldestUnsentAgeSeconds)} format={formatDuration} testId="oldest-age" />
          </dd>
        </div>
        <div>
          <dt>Published</dt>
          <dd>
            {o.publishedPerSecond ? (
              <MeasureValue measure={shown(o.publishedPerSecond)} format={(v) => formatRate(v, 'rows/s')} testId="published-rate" />
            ) : (
              <span className="muted" data-testid="published-rate" data-known="false">
                not measurable for delete-after-publish
              </span>
            )}
          </dd>
        </div>
        {o.slotLagBytes && (
          <div>
            <dt>Replication slot lag</dt>
            <dd>
              <MeasureValue measure={shown(o.slotLagBytes)} format={bytes} testId="slot-lag" />
            </dd>
          </div>
        )}
      </dl>
      <ScrapeLine scrape={o.scrape} notes={o.notes} />
      <h3>By aggregate type</h3>
      {o.byType.length === 0 ? (
        <p className="muted small" data-testid="by-type-empty">
          {o.unsentRows.value === null ? 'Unknown: no current reading.' : 'No per-type breakdown in the newest reading.'}
        </p>
      ) : (
        <table className="compact" data-testid="by-type">
          <thead>
            <tr>
              <th scope="col">Aggregate type</th>
              <th scope="col">Unsent rows</th>
              <th scope="col">Oldest unsent</th>
            </tr>
          </thead>
          <tbody>
            {o.byType.map((t) => (
              <tr key={t.aggregateType} data-type={t.aggregateType}>
                <td className="wrap">{t.aggregateType}</td>
                <td>
                  <MeasureValue measure={shown(t.unsentRows)} format={formatCount} />
                </td>
                <td>
                  <MeasureValue measure={shown(t.oldestUnsentAgeSeconds)} format={formatDuration} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
