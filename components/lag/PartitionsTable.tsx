// Every partition of the group. "no commit" is not lag = end offset: a group that never committed
// on a partition has no position there, and its lag is unknown rather than everything.
import { formatCount, formatDuration } from '@/lib/views/shared/format';
import type { LagPartition } from '@/lib/views/lag/schema';
import { LagValue } from './LagValue';
import { VerdictWord } from './VerdictWord';

const KIND_WORDS: Record<string, string> = {
  interpolated: 'interpolated between observed end offsets',
  extrapolated: 'extrapolated (capped estimate)',
  'caught-up': 'caught up',
  exact: 'exact (timestamp of the oldest unconsumed message)',
};

export function PartitionsTable({ partitions, stale, at }: { partitions: LagPartition[]; stale: boolean; at: string }) {
  if (partitions.length === 0)
    return <p className="muted">The snapshot holds no partition for this group (no committed offsets and no assigned topics).</p>;
  return (
    <div className="table-scroll">
      <table data-testid="partitions-table">
        <thead>
          <tr>
            <th scope="col">Topic</th>
            <th scope="col">Partition</th>
            <th scope="col">Committed</th>
            <th scope="col">End</th>
            <th scope="col">Lag (messages)</th>
            <th scope="col">Lag (seconds)</th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {partitions.map((p) => (
            <tr key={`${p.topic}/${p.partition}`} data-testid="partition-row" data-topic={p.topic} data-partition={p.partition}>
              <td className="wrap">{p.topic}</td>
              <td>{p.partition}</td>
              <td data-testid="committed">
                {p.committedOffset === null ? <span className="status-unknown">no commit</span> : formatCount(p.committedOffset)}
              </td>
              <td>{formatCount(p.endOffset)}</td>
              <td>
                <LagValue
                  value={p.lagMessages}
                  format={formatCount}
                  stale={stale}
                  at={at}
                  why={p.committedOffset === null ? 'no commit' : 'not measured'}
                />
              </td>
              <td>
                <LagValue value={p.lagSeconds} format={formatDuration} stale={stale} at={at} why="not enough observations yet" />
                {!stale && p.lagSeconds !== null && p.lagSecondsKind && (
                  <span className="muted small"> {KIND_WORDS[p.lagSecondsKind] ?? p.lagSecondsKind}</span>
                )}
              </td>
              <td>
                <VerdictWord verdict={p.verdict} stale={stale} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
