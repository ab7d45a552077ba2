// The four multi-window burn-rate rules of one SLO: long and short window burn against the rule's
// threshold, and the pair's state in words. Unknown windows say "unknown", never 0.
import { StatusWord } from '@/components/status/StatusWord';
import { formatBurn } from '@/lib/views/shared/format';
import type { BurnPairView } from '@/lib/views/shared/schema';

export function BurnPairs({ pairs, stale = false }: { pairs: BurnPairView[]; stale?: boolean }) {
  return (
    <table className="burn small" data-testid="burn-pairs">
      <caption className="visually-hidden">Burn rates per alert rule: long and short window against the threshold</caption>
      <thead>
        <tr>
          <th scope="col">rule</th>
          <th scope="col">long</th>
          <th scope="col">short</th>
          <th scope="col">alert at</th>
          <th scope="col">state</th>
        </tr>
      </thead>
      <tbody>
        {pairs.map((p) => (
          <tr key={p.rule} data-testid="burn-pair" data-rule={p.rule}>
            <th scope="row">
              {p.severity} {p.longWindow}/{p.shortWindow}
            </th>
            <td>{formatBurn(stale ? null : p.long)}</td>
            <td>{formatBurn(stale ? null : p.short)}</td>
            <td>≥ {formatBurn(p.threshold)}</td>
            <td>
              <StatusWord status={stale ? 'unknown' : p.state} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
