// Live checks against the monitored systems, each with its result and when it ran; a check that
// could not run says why instead of showing a blank.
import type { CheckResult } from '@/lib/orders/checks/types';

const ICON: Record<CheckResult['status'], string> = { found: '●', absent: '○', unknown: '?' };
const WORD: Record<CheckResult['status'], string> = { found: 'found', absent: 'not found', unknown: 'could not check' };
const KIND: Record<CheckResult['kind'], string> = { outbox: 'Outbox row', dlq: 'DLQ messages', search: 'Search document' };

export function CheckTable({ checks }: { checks: CheckResult[] }) {
  return (
    <section aria-label="Live checks">
      <h2>Live checks</h2>
      {checks.length === 0 ? (
        <p className="muted">No outbox, DLQ or index is configured for this order&apos;s pipelines.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Check</th>
              <th>Target</th>
              <th>Result</th>
              <th>Detail</th>
              <th>Checked (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {checks.map((c) => (
              <tr key={`${c.kind}-${c.target}`} data-testid="check" data-kind={c.kind} data-status={c.status}>
                <td>{KIND[c.kind]}</td>
                <td>{c.target}</td>
                <td className={c.status === 'unknown' ? 'status status-unknown' : 'status'}>
                  <span aria-hidden="true">{ICON[c.status]}</span> {WORD[c.status]}
                </td>
                <td>{c.summary}</td>
                <td className="muted">
                  {c.checkedAt.slice(11, 19)} ({c.durationMs} ms)
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
