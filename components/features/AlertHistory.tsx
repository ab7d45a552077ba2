// Burn-rate alerts of this feature, newest first: when each fired and resolved, and how hard the
// budget was burning when it fired.
import { StatusWord } from '@/components/status/StatusWord';
import { formatBurn } from '@/lib/views/shared/format';
import type { AlertView } from '@/lib/views/feature/schema';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('en-GB', { hour12: false }) : '—');

export function AlertHistory({ alerts }: { alerts: AlertView[] }) {
  return (
    <section aria-label="Alert history">
      <h2>Alert history</h2>
      {alerts.length === 0 ? (
        <p className="muted" data-testid="alerts-empty">
          No burn-rate alert has fired for this feature.
        </p>
      ) : (
        <table data-testid="alert-table">
          <thead>
            <tr>
              <th>State</th>
              <th>SLO</th>
              <th>Rule</th>
              <th>Fired</th>
              <th>Resolved</th>
              <th>Burn long / short</th>
              <th>Summary</th>
            </tr>
          </thead>
          <tbody>
            {alerts.map((a) => (
              <tr key={a.id} data-testid="alert" data-state={a.state}>
                <td>
                  <StatusWord status={a.state} />
                </td>
                <td>{a.slo}</td>
                <td>
                  {a.rule} ({a.severity})
                </td>
                <td suppressHydrationWarning>{when(a.firedAt)}</td>
                <td suppressHydrationWarning>{when(a.resolvedAt)}</td>
                <td>
                  {formatBurn(a.burnLong)} / {formatBurn(a.burnShort)}
                </td>
                <td>{a.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
