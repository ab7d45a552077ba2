// Time range as links that rewrite `?range=`: the range lives in the URL, so a view is a link.
import Link from 'next/link';
import { featureHref } from '@/lib/views/feature/params';
import { RANGE_KEYS, type RangeKey } from '@/lib/views/shared/params';

export function RangePicker({ feature, current }: { feature: string; current: RangeKey }) {
  return (
    <nav aria-label="Time range" className="pills">
      {RANGE_KEYS.map((range) => (
        <Link key={range} href={featureHref(feature, { range })} aria-current={range === current ? 'page' : undefined} scroll={false}>
          {range}
        </Link>
      ))}
    </nav>
  );
}
