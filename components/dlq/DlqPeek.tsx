'use client';
// The newest messages of a DLQ, on demand, PII already redacted on the server. Viewers get words
// instead of a button: the API would refuse them anyway.
import { formatClock } from '@/lib/views/shared/format';
import type { PeekedMessageView } from '@/lib/views/dlq/schema';
import { useDlqPeek } from './useDlqPeek';

function Payload({ payload }: { payload: PeekedMessageView['payload'] }) {
  if (payload.kind === 'json') {
    return (
      <>
        <pre className="payload">{JSON.stringify(payload.value, null, 2)}</pre>
        {payload.redactedFields > 0 && <span className="muted small">{payload.redactedFields} field(s) redacted</span>}
      </>
    );
  }
  if (payload.kind === 'text')
    return (
      <pre className="payload">
        {payload.text}
        {payload.truncated ? '…' : ''}
      </pre>
    );
  return <span className="muted small">{payload.note}</span>;
}

function Message({ m }: { m: PeekedMessageView }) {
  const origin = m.original?.topic ? `${m.original.topic}[${m.original.partition ?? '?'}]@${m.original.offset ?? '?'}` : 'unknown';
  return (
    <tr data-testid="peeked-message">
      <td suppressHydrationWarning>{m.timestamp ? formatClock(m.timestamp) : 'no timestamp'}</td>
      <td>
        {m.partition}@{m.offset}
      </td>
      <td className="wrap">{m.key ?? '—'}</td>
      <td className="wrap">
        <strong>{m.errorClass}</strong>
        {m.errorMessage && <div className="small">{m.errorMessage}</div>}
        <div className="muted small">from {origin}</div>
      </td>
      <td className="wrap">
        <Payload payload={m.payload} />
        {Object.keys(m.headers).length > 0 && (
          <details className="small">
            <summary>{Object.keys(m.headers).length} headers</summary>
            <dl>
              {Object.entries(m.headers).map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd className="wrap">{v}</dd>
                </div>
              ))}
            </dl>
          </details>
        )}
      </td>
    </tr>
  );
}

export function DlqPeek({ dlq, limit, canPeek }: { dlq: string; limit: number; canPeek: boolean }) {
  const { peek, asked, data, error, fetching } = useDlqPeek(dlq);
  if (!canPeek) {
    return (
      <p className="muted small" data-testid="peek-not-allowed">
        Peeking at messages needs the admin role.
      </p>
    );
  }
  return (
    <div className="peek" data-testid="peek">
      <h3>Newest messages</h3>
      <button type="button" onClick={peek} disabled={fetching} data-testid="peek-button">
        {fetching ? 'Reading…' : asked ? 'Peek again' : `Peek at the newest ${limit} messages`}
      </button>{' '}
      <span className="muted small">
        Read on demand from the topic (nothing is committed); configured PII fields are redacted on the server.
      </span>
      {error && (
        <p role="alert" className="status status-failing" data-testid="peek-error">
          {error.message}
        </p>
      )}
      {data && (
        <>
          <p className="muted small" data-testid="peek-summary" suppressHydrationWarning>
            {data.messages.length} message{data.messages.length === 1 ? '' : 's'} read at {formatClock(data.peekedAt)}
            {data.notes.length > 0 && ` — ${data.notes.join('; ')}`}
          </p>
          {data.messages.length > 0 && (
            <div className="table-scroll">
              <table className="compact">
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">Partition@offset</th>
                    <th scope="col">Key</th>
                    <th scope="col">Error</th>
                    <th scope="col">Payload</th>
                  </tr>
                </thead>
                <tbody>
                  {data.messages.map((m) => (
                    <Message key={`${m.partition}@${m.offset}`} m={m} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}
