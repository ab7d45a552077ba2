// One DLQ: how much is parked, how fast more arrives, how old the messages are, why they failed.
import { ScrapeLine } from '@/components/outbox/ScrapeLine';
import { DataAge } from '@/components/status/DataAge';
import { MeasureValue } from '@/components/status/MeasureValue';
import type { DlqPanel as DlqPanelData } from '@/lib/views/dlq/schema';
import { formatCount, formatDuration, formatRate } from '@/lib/views/shared/format';
import type { Measure } from '@/lib/views/shared/schema';
import { DlqPeek } from './DlqPeek';
import { DlqRedrive } from './DlqRedrive';
import { ErrorClasses } from './ErrorClasses';

function Age({ measure, depth, testId }: { measure: Measure; depth: Measure; testId: string }) {
  // An empty DLQ has no message to be old: that is a fact, not an unknown.
  if (measure.value === null && depth.value === 0)
    return (
      <span className="muted" data-testid={testId} data-known="true">
        none (empty)
      </span>
    );
  return <MeasureValue measure={measure} format={formatDuration} testId={testId} />;
}

interface Props {
  dlq: DlqPanelData;
  now: number;
  staleAfterSeconds: number;
  classWindowSeconds: number;
  canPeek: boolean;
  stale: boolean;
}

export function DlqPanel({ dlq: d, now, staleAfterSeconds, classWindowSeconds, canPeek, stale }: Props) {
  const shown = (m: Measure): Measure => (stale ? { value: null, at: m.at } : m);
  return (
    <section className="panel stage-panel" aria-label={`DLQ ${d.name}`} data-testid="dlq" data-dlq={d.name}>
      <h2>{d.name}</h2>
      <p className="muted small">
        topic {d.topic} on {d.source} · newest reading <DataAge at={d.depth.at} now={now} staleAfterSeconds={staleAfterSeconds} />
      </p>
      <dl className="facts">
        <div>
          <dt>Depth</dt>
          <dd>
            <MeasureValue measure={shown(d.depth)} format={(v) => `${formatCount(v)} messages`} testId="depth" />
          </dd>
        </div>
        <div>
          <dt>Inflow</dt>
          <dd>
            <MeasureValue measure={shown(d.inflowPerMinute)} format={(v) => formatRate(v, 'msg/min')} testId="inflow" />
          </dd>
        </div>
        <div>
          <dt>Newest message</dt>
          <dd>
            <Age measure={shown(d.newestAgeSeconds)} depth={shown(d.depth)} testId="newest-age" />
          </dd>
        </div>
        <div>
          <dt>Oldest message</dt>
          <dd>
            <Age measure={shown(d.oldestAgeSeconds)} depth={shown(d.depth)} testId="oldest-age" />
          </dd>
        </div>
      </dl>
      <ScrapeLine scrape={d.scrape} notes={d.notes} />
      <ErrorClasses dlq={d} windowSeconds={classWindowSeconds} />
      <DlqPeek dlq={d.name} limit={d.peekLimit} canPeek={canPeek} />
      {d.redrive && <DlqRedrive dlq={d.name} redrive={d.redrive} canRedrive={canPeek} />}
    </section>
  );
}
