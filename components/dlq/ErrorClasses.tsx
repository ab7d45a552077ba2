// Why messages were dead-lettered, by error class, over the last hour. Counted by the dlq collector
// from a bounded sample of each run's new messages; when the collector is not running the counts
// are unknown, and an empty list is only "none" while it is.
import type { DlqPanel } from '@/lib/views/dlq/schema';
import { formatClock, formatCount, formatDuration } from '@/lib/views/shared/format';

export function ErrorClasses({ dlq, windowSeconds }: { dlq: DlqPanel; windowSeconds: number }) {
  const window = formatDuration(windowSeconds);
  const watching = dlq.scrape.state === 'ok';
  return (
    <div data-testid="error-classes">
      <h3>Error classes — last {window}</h3>
      {dlq.errorClasses.length === 0 ? (
        <p className="small" data-testid="error-classes-empty" data-known={watching ? 'true' : 'false'}>
          {watching ? (
            <span className="muted">No dead letter arrived in the last {window} while the collector was watching.</span>
          ) : (
            <span className="status-unknown">Unknown: the dlq collector is not reporting ({dlq.scrape.words}).</span>
          )}
        </p>
      ) : (
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">Error class</th>
              <th scope="col">Messages counted</th>
              <th scope="col">Last seen</th>
            </tr>
          </thead>
          <tbody>
            {dlq.errorClasses.map((c) => (
              <tr key={c.errorClass} data-testid="error-class" data-class={c.errorClass}>
                <td className="wrap">{c.errorClass}</td>
                <td>{formatCount(c.messages)}</td>
                <td suppressHydrationWarning>{formatClock(c.lastSeenAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">Counted from up to 200 new messages per collector run, so a burst may be undercounted.</p>
    </div>
  );
}
