// `/dlq`: one panel per dead-letter topic. Depth, inflow and ages say how much is parked and since
// when; error classes say why; the peek (admins) shows the newest messages, PII redacted.
import { PageHead } from '@/components/status/PageHead';
import type { RefreshInfo } from '@/components/status/RefreshNote';
import type { DlqData } from '@/lib/views/dlq/schema';
import { DlqPanel } from './DlqPanel';

export function DlqView({ data, canPeek, refresh }: { data: DlqData; canPeek: boolean; refresh: RefreshInfo }) {
  const now = Date.parse(data.generatedAt);
  return (
    <main>
      <PageHead title="Dead-letter queues" refresh={refresh} />
      <p className="muted small">
        Read from the DLQ topics by the dlq collector. Readings older than {data.staleAfterSeconds} s show as unknown.
      </p>
      {data.dlqs.length === 0 ? (
        <p className="muted" data-testid="dlq-none">
          No DLQ is configured (truthflow.yaml, section dlqs).
        </p>
      ) : (
        data.dlqs.map((d) => (
          <DlqPanel
            key={d.name}
            dlq={d}
            now={now}
            staleAfterSeconds={data.staleAfterSeconds}
            classWindowSeconds={data.classWindowSeconds}
            canPeek={canPeek}
            stale={refresh.stale}
          />
        ))
      )}
    </main>
  );
}
