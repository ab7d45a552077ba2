// `/outbox`: one panel per configured outbox table. The first hop of every truth flow: a row here
// is a change the system of record holds that no consumer has seen yet.
import { PageHead } from '@/components/status/PageHead';
import type { RefreshInfo } from '@/components/status/RefreshNote';
import type { OutboxData } from '@/lib/views/outbox/schema';
import { OutboxPanel } from './OutboxPanel';

export function OutboxView({ data, refresh }: { data: OutboxData; refresh: RefreshInfo }) {
  const now = Date.parse(data.generatedAt);
  return (
    <main>
      <PageHead title="Outbox" refresh={refresh} />
      <p className="muted small">
        Rows written to the outbox and not yet published, read from the system of record by the outbox collector. Readings older than{' '}
        {data.staleAfterSeconds} s show as unknown.
      </p>
      {data.outboxes.length === 0 ? (
        <p className="muted" data-testid="outbox-none">
          No outbox is configured (truthflow.yaml, section outboxes).
        </p>
      ) : (
        data.outboxes.map((o) => (
          <OutboxPanel key={o.name} outbox={o} now={now} staleAfterSeconds={data.staleAfterSeconds} stale={refresh.stale} />
        ))
      )}
    </main>
  );
}
