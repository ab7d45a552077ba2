// The order's expected pipeline(s) from config against what the spans show; the first missing
// hop is flagged in words (red, with an icon, so it reads without colour).
import type { ExpectedPipeline } from '@/lib/orders/types';
import { clockTime } from '@/lib/orders/words';

export function ExpectedPipelines({ pipelines }: { pipelines: ExpectedPipeline[] }) {
  if (pipelines.length === 0) return null;
  return (
    <section aria-label="Expected pipeline">
      <h2>Expected pipeline</h2>
      {pipelines.map((p) => (
        <div key={p.name} className="panel" data-testid="pipeline" data-pipeline={p.name}>
          <strong>{p.name}</strong>
          <ol className="hops">
            {p.hops.map((hop, i) => (
              <li key={`${hop.kind}-${hop.stage}`} data-testid="hop" data-observed={hop.observed ? 'yes' : 'no'}>
                {hop.observed ? (
                  <span className={hop.observed.failed ? 'status status-failing' : 'status status-ok'}>
                    <span aria-hidden="true">{hop.observed.failed ? '✕' : '✓'}</span> {hop.label}
                    {hop.observed.failed ? ' (failed)' : ''}
                  </span>
                ) : (
                  <span className={i === p.firstMissing?.index ? 'status status-failing' : 'muted'}>
                    <span aria-hidden="true">{i === p.firstMissing?.index ? '✕' : '·'}</span> {hop.label}:{' '}
                    {hop.failedAttempt ? `tried and failed ${clockTime(hop.failedAttempt.atUs)}` : 'not observed'}
                  </span>
                )}{' '}
                {hop.observed && <span className="muted">{clockTime(hop.observed.atUs)}</span>}
              </li>
            ))}
          </ol>
          {p.deadLettered && (
            <p className="status status-failing">
              <span aria-hidden="true">✕</span> Sent to DLQ {p.deadLettered.topic} at {clockTime(p.deadLettered.atUs)}
            </p>
          )}
          {p.firstMissing ? (
            <p role="alert" className="status status-failing missing-hop" data-testid="missing-hop">
              <span aria-hidden="true">✕</span> First missing hop: {p.firstMissing.words}
            </p>
          ) : (
            <p className="status status-ok" data-testid="all-hops-observed">
              <span aria-hidden="true">✓</span> Every expected hop was observed.
            </p>
          )}
        </div>
      ))}
    </section>
  );
}
