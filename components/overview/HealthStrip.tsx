// Truthflow's own health in one row: store, migrations, collectors heartbeat.
import type { HealthView } from '@/lib/views/shared/schema';
import { StatusWord } from '@/components/status/StatusWord';

export function HealthStrip({ health }: { health: HealthView }) {
  const { store, migrations, collectors } = health;
  return (
    <section aria-label="Truthflow health" className="grid" data-testid="health-strip">
      <div className="panel" data-testid="health-store">
        <div className="muted">Store</div>
        <StatusWord status={store.status} />
        <div className="muted">{store.error ?? `answers in ${store.latencyMs} ms`}</div>
      </div>
      <div className="panel" data-testid="health-migrations">
        <div className="muted">Migrations</div>
        <StatusWord status={migrations.status} />
        <div className="muted">
          {migrations.error ?? (migrations.pending?.length ? `pending: ${migrations.pending.join(', ')}` : 'current')}
        </div>
      </div>
      <div className="panel" data-testid="health-collectors">
        <div className="muted">Collectors</div>
        <StatusWord status={collectors.status} />
        <div className="muted">
          {collectors.error ?? `last heartbeat ${collectors.heartbeatAgeSeconds} s ago, ${collectors.processes} process(es)`}
        </div>
      </div>
    </section>
  );
}
