// Truthflow's own health in one line: store, migrations, collectors heartbeat. One line, so the
// SLO table below it keeps the screen.
import type { OverviewData } from '@/lib/views/overview/schema';
import { formatClock } from '@/lib/views/shared/format';
import type { HealthView } from '@/lib/views/shared/schema';
import { StatusWord } from '@/components/status/StatusWord';

export function HealthStrip({ health, sampleDrops = [] }: { health: HealthView; sampleDrops?: OverviewData['sampleDrops'] }) {
  const { store, migrations, collectors } = health;
  return (
    <section aria-label="Truthflow health" className="health-inline" data-testid="health-strip">
      <span data-testid="health-store">
        <span className="muted">store</span> <StatusWord status={store.status} />{' '}
        <span className="muted">{store.error ?? `answers in ${store.latencyMs} ms`}</span>
      </span>
      <span data-testid="health-migrations">
        <span className="muted">migrations</span> <StatusWord status={migrations.status} />{' '}
        <span className="muted">
          {migrations.error ?? (migrations.pending?.length ? `pending: ${migrations.pending.join(', ')}` : 'current')}
        </span>
      </span>
      <span data-testid="health-collectors">
        <span className="muted">collectors</span> <StatusWord status={collectors.status} />{' '}
        <span className="muted">
          {collectors.error ?? `last heartbeat ${collectors.heartbeatAgeSeconds} s ago, ${collectors.processes} process(es)`}
        </span>
      </span>
      {sampleDrops.map((d) => (
        <span key={d.from} data-testid="sample-drops" className="bad-text">
          {d.samples.toLocaleString('en-US')} samples dropped during store outage at {formatClock(d.from)}–{formatClock(d.to)}
        </span>
      ))}
    </section>
  );
}
