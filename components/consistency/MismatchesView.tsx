// `/consistency/[reconciliation]`: the keys the newest run found mismatched, oldest first, each with
// its reason and both versions, linking to the order page where the key's journey is traced.
import { PageHead } from '@/components/status/PageHead';
import type { RefreshInfo } from '@/components/status/RefreshNote';
import { MISMATCH_REASONS } from '@/lib/reconcile/types';
import { consistencyHref } from '@/lib/views/consistency/params';
import type { MismatchesData } from '@/lib/views/consistency/schema';
import { formatClock, formatDuration } from '@/lib/views/shared/format';
import { RunFacts } from './RunFacts';

const REASON_WORDS = {
  missing: 'in the system of record, missing from the derived store',
  extra: 'in the derived store, gone from the system of record',
  stale: 'the derived store holds an older version',
} as const;

export function MismatchesView({ data, refresh }: { data: MismatchesData; refresh: RefreshInfo }) {
  const now = Date.parse(data.generatedAt);
  const name = data.reconciliation;
  return (
    <main>
      <PageHead title={`Consistency: ${name}`} refresh={refresh} />
      <p className="small">
        <a href="/consistency">All reconciliations</a> · show{' '}
        {[null, ...MISMATCH_REASONS].map((reason) => (
          <span key={reason ?? 'all'}>
            {reason === data.reason ? (
              <strong>{reason ?? 'all'}</strong>
            ) : (
              <a href={consistencyHref(name, reason ?? undefined)}>{reason ?? 'all'}</a>
            )}{' '}
          </span>
        ))}
      </p>
      {data.run ? (
        <RunFacts run={data.run} mismatchesHref={(reason) => consistencyHref(name, reason)} />
      ) : (
        <p className="muted">No run yet.</p>
      )}
      {data.mismatches.length === 0 ? (
        <p className="muted" data-testid="mismatches-none">
          {data.run ? 'The newest run found no mismatched key of this kind.' : 'Nothing to list until a run has finished.'}
        </p>
      ) : (
        <table className="compact" data-testid="mismatches">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Reason</th>
              <th scope="col">Source version</th>
              <th scope="col">Target version</th>
              <th scope="col">Since</th>
            </tr>
          </thead>
          <tbody>
            {data.mismatches.map((m) => (
              <tr key={m.key} data-key={m.key} data-reason={m.reason}>
                <td className="wrap">
                  <a href={m.href}>{m.key}</a>
                </td>
                <td title={REASON_WORDS[m.reason]}>{m.reason}</td>
                <td>{m.sourceVersion ?? '—'}</td>
                <td>{m.targetVersion ?? '—'}</td>
                <td>
                  {formatClock(m.since)} ({formatDuration(Math.max(0, (now - Date.parse(m.since)) / 1000))} ago)
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data.run && data.mismatches.length > 0 && (
        <p className="muted small">Each run keeps a bounded sample of keys per reason (sampleSize); the counts above are complete.</p>
      )}
    </main>
  );
}
