// What Truthflow has on record about the order beside the live checks: each covering
// reconciliation's newest verdict on its key, and the DLQ redrives of its messages. A
// reconciliation that has not run says so: no verdict is never shown as consistent.
import type { OrderRecords } from '@/lib/orders/records';
import { consistencyHref } from '@/lib/views/consistency/params';

const STATUS_CLASS: Record<OrderRecords['reconciliation'][number]['status'], string> = {
  mismatch: 'status status-failing',
  clean: 'status',
  not_run: 'status status-unknown',
};

export function OnRecord({ records }: { records: OrderRecords }) {
  if (records.reconciliation.length === 0 && records.redrives.length === 0) return null;
  return (
    <section aria-label="On record">
      <h2>On record</h2>
      <ul>
        {records.reconciliation.map((r) => (
          <li key={r.reconciliation} data-testid="reconciliation-verdict" data-status={r.status} className={STATUS_CLASS[r.status]}>
            Reconciliation <a href={consistencyHref(r.reconciliation, r.reason ?? undefined)}>{r.reconciliation}</a>: {r.words}
          </li>
        ))}
        {records.redrives.map((r) => (
          <li key={`${r.dlq}-${r.requestedAt}-${r.result}`} data-testid="redrive-record" data-result={r.result}>
            DLQ <a href="/dlq">{r.dlq}</a>: {r.words}
          </li>
        ))}
      </ul>
    </section>
  );
}
