// Scrape status per collector and source: a failure shows its kind and since when, never a zero.
import { formatClock } from '@/lib/views/shared/format';
import type { ScrapeRow } from '@/lib/views/shared/schema';

export function ScrapeTable({ scrapes }: { scrapes: ScrapeRow[] }) {
  return (
    <section aria-label="Scrape status">
      <h2>Scrape status</h2>
      {scrapes.length === 0 ? (
        <p className="muted" data-testid="scrape-empty">
          No collector has reported yet.
        </p>
      ) : (
        <table data-testid="scrape-table">
          <thead>
            <tr>
              <th>Collector</th>
              <th>Source</th>
              <th>Last success</th>
              <th>Last error</th>
            </tr>
          </thead>
          <tbody>
            {scrapes.map((s) => (
              <tr key={`${s.collector}/${s.source}`}>
                <td>{s.collector}</td>
                <td>{s.source}</td>
                <td title={s.lastSuccessAt ?? undefined} suppressHydrationWarning>
                  {formatClock(s.lastSuccessAt)}
                </td>
                <td>{s.lastErrorKind ? `${s.lastErrorKind}: ${s.lastErrorMessage ?? ''}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
