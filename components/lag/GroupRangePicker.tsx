// Time range as links that rewrite `?range=`: the range lives in the URL, so a view is a link.
import Link from 'next/link';
import { groupHref } from '@/lib/views/lag/params';
import { RANGE_KEYS, type RangeKey } from '@/lib/views/shared/params';

export function GroupRangePicker({ cluster, group, current }: { cluster: string; group: string; current: RangeKey }) {
  return (
    <nav aria-label="Time range" className="pills">
      {RANGE_KEYS.map((range) => (
        <Link key={range} href={groupHref(cluster, group, range)} aria-current={range === current ? 'page' : undefined} scroll={false}>
          {range}
        </Link>
      ))}
    </nav>
  );
}
