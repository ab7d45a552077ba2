'use client';
// One span's details. Every value is rendered as text (React escapes it): attributes come from
// whoever sent the spans and may contain markup.
import type { TimelineSpan } from '@/lib/orders/types';
import { formatDuration } from '@/lib/orders/words';

const KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const STATUS = ['unset', 'ok', 'error'];

const iso = (us: number) => `${new Date(Math.floor(us / 1000)).toISOString().slice(0, -1)}${String(us % 1000).padStart(3, '0')}Z`;
const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export function SpanDetails({ span, onClose }: { span: TimelineSpan; onClose: () => void }) {
  const rows: [string, string][] = [
    ['Service', span.serviceName],
    ['Lane', span.lane],
    ['Kind', KINDS[span.kind] ?? String(span.kind)],
    ['Status', `${STATUS[span.statusCode] ?? span.statusCode}${span.statusMessage ? `: ${span.statusMessage}` : ''}`],
    ['Start', iso(span.startUs)],
    ['Duration', formatDuration(span.endUs - span.startUs)],
    ['Trace id', span.traceId],
    ['Span id', span.spanId],
    ['Parent span id', span.parentSpanId ?? '(root)'],
    ...span.links.map((l, i): [string, string] => [`Link ${i + 1}`, `${l.traceId} / ${l.spanId}`]),
  ];
  return (
    <aside className="panel wf-details" aria-label={`Span ${span.name}`} data-testid="span-details">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <h3 style={{ margin: 0 }}>{span.name}</h3>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <table>
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>
                <code>{v}</code>
              </td>
            </tr>
          ))}
          {Object.entries(span.attributes).map(([k, v]) => (
            <tr key={`attr-${k}`}>
              <th scope="row">{k}</th>
              <td>
                <code>{text(v)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {span.events.length > 0 && (
        <details>
          <summary>{span.events.length} events</summary>
          <pre>{JSON.stringify(span.events, null, 2)}</pre>
        </details>
      )}
    </aside>
  );
}
