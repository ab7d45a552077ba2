// How delivery of this feature's alerts is going, per webhook: everything pending is kept in the
// store and retried, so "failing since" is a delay to fix, not a loss.
import { formatClock } from '@/lib/views/shared/format';
import type { DeliveryView } from '@/lib/views/feature/schema';

function words(d: DeliveryView): string {
  if (d.failingSince) return `${d.pending} pending, failing since ${formatClock(d.failingSince)}: ${d.lastError ?? 'unknown error'}`;
  if (d.pending > 0) return `${d.pending} pending`;
  return 'all delivered';
}

export function DeliveryState({ deliveries }: { deliveries: DeliveryView[] }) {
  if (deliveries.length === 0) return null;
  return (
    <section aria-label="Alert delivery">
      <h2>Alert delivery</h2>
      <ul className="plain">
        {deliveries.map((d) => (
          <li key={d.webhook} data-testid="delivery" data-webhook={d.webhook} data-failing={d.failingSince !== null}>
            <strong>{d.webhook}</strong>: {words(d)}
            {d.givenUp > 0 ? ` · ${d.givenUp} resolve notices given up after a day` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
