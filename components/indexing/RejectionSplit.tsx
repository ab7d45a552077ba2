// Overload vs bad documents, side by side, each saying where its number comes from. The two are
// measured differently (node counters vs sampled DLQ messages), so neither is added to the other.
import { MeasureValue } from '@/components/status/MeasureValue';
import { formatCount, formatDuration, formatRate, UNKNOWN } from '@/lib/views/shared/format';
import type { IndexingData, SearchSourcePanel } from '@/lib/views/indexing/schema';
import type { Measure } from '@/lib/views/shared/schema';

export function RejectionSplit({
  panel: p,
  data,
  shown,
}: {
  panel: SearchSourcePanel;
  data: IndexingData;
  shown: (m: Measure) => Measure;
}) {
  const window = formatDuration(data.windowSeconds);
  return (
    <div className="split" data-testid="rejection-split">
      <div className="panel" data-testid="overload">
        <h3>Overload — HTTP 429</h3>
        <p>
          now:{' '}
          <MeasureValue
            measure={shown(p.totals.writeRejectionsPerSecond)}
            format={(v) => formatRate(v, 'rejections/s')}
            testId="overload-now"
          />
        </p>
        <p>
          last {window}:{' '}
          <span className="measure" data-testid="overload-window" data-known={p.overload.rejectedInWindow === null ? 'false' : 'true'}>
            {p.overload.rejectedInWindow === null
              ? `${UNKNOWN} (no rate sample)`
              : `≈ ${formatCount(p.overload.rejectedInWindow)} rejected writes`}
          </span>
        </p>
        <p className="muted small">
          From the nodes&apos; write thread-pool <code>rejected</code> counters (node stats), as rates per collector run; the hour&apos;s
          figure is the sum of those rates × the {data.intervalSeconds} s interval. Retrying later succeeds.
        </p>
      </div>
      <div className="panel" data-testid="bad-documents">
        <h3>Mapping / bad document — HTTP 400</h3>
        <p>
          last {window}:{' '}
          <span className="measure" data-testid="bad-documents-window" data-known={p.badDocuments.total === null ? 'false' : 'true'}>
            {p.badDocuments.total === null ? UNKNOWN : `${formatCount(p.badDocuments.total)} dead-lettered`}
          </span>
          {p.badDocuments.why && <span className="muted small"> — {p.badDocuments.why}</span>}
        </p>
        {p.badDocuments.classes.length > 0 && (
          <ul className="small">
            {p.badDocuments.classes.map((c) => (
              <li key={`${c.dlq}/${c.errorClass}`} data-testid="bad-document-class">
                {c.errorClass} in {c.dlq}: {formatCount(c.messages)}
              </li>
            ))}
          </ul>
        )}
        <p className="muted small">
          Node stats cannot show these (the document is refused while it is parsed). Counted from error classes matching mapper_parsing,
          document_parsing or illegal_argument in {p.badDocuments.dlqs.length ? `DLQ ${p.badDocuments.dlqs.join(', ')}` : 'the DLQs'},
          sampled up to 200 new messages per run. Not yet counted from indexer spans. Retrying never succeeds: fix the mapping or the
          document.
        </p>
      </div>
    </div>
  );
}
