'use client';
// Redrive for one DLQ (only rendered when the config enables it): select by offset range, error
// class or key; a dry run lists what would be sent where; the real run is offered only for the
// selection just dry-run, and its result and every past redrive show in the audit below.
import { useState } from 'react';
import type { RedriveOutcomeView, RedriveRequest } from '@/lib/views/dlq/redrive-schema';
import { formatClock } from '@/lib/views/shared/format';
import { useDlqRedrive } from './useDlqRedrive';

type Fields = Record<'partition' | 'fromOffset' | 'toOffset' | 'errorClass' | 'key', string>;
const EMPTY: Fields = { partition: '', fromOffset: '', toOffset: '', errorClass: '', key: '' };

function requestOf(f: Fields, dryRun: boolean): RedriveRequest {
  const n = (v: string) => (v.trim() === '' ? undefined : Number(v));
  const t = (v: string) => (v.trim() === '' ? undefined : v.trim());
  return {
    dryRun,
    partition: n(f.partition),
    fromOffset: n(f.fromOffset),
    toOffset: n(f.toOffset),
    errorClass: t(f.errorClass),
    key: t(f.key),
  };
}

function Plan({ outcome }: { outcome: RedriveOutcomeView }) {
  return (
    <div className="table-scroll">
      <p className="muted small" data-testid="redrive-summary">
        {outcome.dryRun ? 'Dry run: nothing was sent.' : 'Redrive finished.'} {outcome.items.length} message
        {outcome.items.length === 1 ? '' : 's'} selected{outcome.complete ? '' : ' (the read was cut short: there may be more)'}.
      </p>
      <table className="compact" data-testid="redrive-plan">
        <thead>
          <tr>
            <th scope="col">Partition@offset</th>
            <th scope="col">Key</th>
            <th scope="col">Error</th>
            <th scope="col">To</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {outcome.items.map((i) => (
            <tr key={`${i.partition}@${i.offset}`} data-result={i.result}>
              <td>
                {i.partition}@{i.offset}
              </td>
              <td className="wrap">{i.key ?? '—'}</td>
              <td className="wrap">{i.errorClass}</td>
              <td className="wrap">
                {i.targetTopic ?? '—'}
                {i.targetOffset !== null && `@${i.targetPartition}:${i.targetOffset}`}
              </td>
              <td className="wrap">
                {i.result === 'planned' ? (i.action === 'send' ? 'would send' : 'would refuse') : i.result}
                {i.detail && ` — ${i.detail}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DlqRedrive({
  dlq,
  redrive,
  canRedrive,
}: {
  dlq: string;
  redrive: { maxPerRequest: number; maxRedrives: number };
  canRedrive: boolean;
}) {
  const { audit, run } = useDlqRedrive(dlq);
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [dryRunOf, setDryRunOf] = useState<string | null>(null);
  const selection = JSON.stringify(requestOf(fields, true));
  const outcome = run.data;
  const sendable = outcome?.dryRun === true && dryRunOf === selection ? outcome.items.filter((i) => i.action === 'send').length : 0;
  const field = (name: keyof Fields, label: string) => (
    <label className="small">
      {label}{' '}
      <input
        value={fields[name]}
        size={10}
        onChange={(e) => setFields({ ...fields, [name]: e.target.value })}
        data-testid={`redrive-${name}`}
      />
    </label>
  );
  return (
    <div className="peek" data-testid="redrive">
      <h3>Redrive</h3>
      {canRedrive ? (
        <>
          <p className="muted small">
            Sends selected messages back to their original topic (from their headers), key, value and headers unchanged, at most{' '}
            {redrive.maxPerRequest} per request; a message already redriven {redrive.maxRedrives} times is refused. Dry-run first.
          </p>
          <p>
            {field('partition', 'partition')} {field('fromOffset', 'from offset')} {field('toOffset', 'to offset')}{' '}
            {field('errorClass', 'error class')} {field('key', 'key')}
          </p>
          <button
            type="button"
            disabled={run.isPending}
            data-testid="redrive-dry-run"
            onClick={() => {
              setDryRunOf(selection);
              run.mutate(requestOf(fields, true));
            }}
          >
            Dry run
          </button>{' '}
          <button
            type="button"
            disabled={run.isPending || sendable === 0}
            data-testid="redrive-send"
            onClick={() => {
              setDryRunOf(null);
              run.mutate(requestOf(fields, false));
            }}
          >
            {sendable > 0 ? `Redrive ${sendable} message${sendable === 1 ? '' : 's'}` : 'Redrive (dry-run first)'}
          </button>
          {run.error && (
            <p role="alert" className="status status-failing" data-testid="redrive-error">
              {run.error.message}
            </p>
          )}
          {outcome && <Plan outcome={outcome} />}
        </>
      ) : (
        <p className="muted small">Redriving messages needs the admin role.</p>
      )}
      <h4>Audit</h4>
      {audit.data === undefined || audit.data === null ? (
        <p className="muted small">{audit.reason ?? 'loading…'}</p>
      ) : audit.data.rows.length === 0 ? (
        <p className="muted small" data-testid="redrive-audit-empty">
          No redrive yet.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="compact" data-testid="redrive-audit">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">From</th>
                <th scope="col">Key</th>
                <th scope="col">To</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.rows.slice(0, 50).map((r) => (
                <tr key={`${r.requestedAt}-${r.sourcePartition}-${r.sourceOffset}`}>
                  <td suppressHydrationWarning>{formatClock(r.requestedAt)}</td>
                  <td>{r.requestedBy}</td>
                  <td>
                    {r.sourcePartition}@{r.sourceOffset}
                  </td>
                  <td className="wrap">{r.messageKey ?? '—'}</td>
                  <td className="wrap">
                    {r.targetTopic ?? '—'}
                    {r.targetOffset !== null && `@${r.targetPartition}:${r.targetOffset}`}
                  </td>
                  <td className="wrap">
                    {r.result}
                    {r.detail && ` — ${r.detail}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
