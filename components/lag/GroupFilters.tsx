// Filters as a GET form: submitting rewrites the URL (so the filtered view is a link), the server
// pages and sorts, and no group list is ever filtered in the browser. Works without JavaScript too.
import Form from 'next/form';
import Link from 'next/link';
import { formatCount } from '@/lib/views/shared/format';
import { lagHref, PAGE_SIZES } from '@/lib/views/lag/params';
import { GROUP_VERDICTS } from '@/lib/kafka/verdict';
import type { LagGroupsData } from '@/lib/views/lag/schema';

export function GroupFilters({ data }: { data: LagGroupsData }) {
  const { params, verdictCounts } = data;
  const filtered = params.cluster !== undefined || params.verdict !== undefined || params.q !== undefined;
  return (
    // Remounted when the URL state changes, so the fields always show what the page shows.
    <Form key={lagHref(params)} action="/lag" className="filters" aria-label="Filter groups">
      <label>
        Cluster{' '}
        <select name="cluster" defaultValue={params.cluster ?? ''}>
          <option value="">all clusters</option>
          {data.clusters.map((c) => (
            <option key={c.cluster} value={c.cluster}>
              {c.cluster}
            </option>
          ))}
        </select>
      </label>
      <label>
        Verdict{' '}
        <select name="verdict" defaultValue={params.verdict ?? ''}>
          <option value="">any verdict</option>
          {GROUP_VERDICTS.map((v) => (
            <option key={v} value={v}>
              {v} ({formatCount(verdictCounts[v] ?? null)})
            </option>
          ))}
        </select>
      </label>
      <label>
        Group id starts with{' '}
        <input type="search" name="q" defaultValue={params.q ?? ''} maxLength={255} autoComplete="off" spellCheck={false} />
      </label>
      <label>
        Per page{' '}
        <select name="size" defaultValue={String(params.size)}>
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <input type="hidden" name="sort" value={params.sort} />
      <input type="hidden" name="dir" value={params.dir} />
      <button type="submit">Apply</button>
      {filtered && <Link href={lagHref({ sort: params.sort, dir: params.dir, page: 1, size: params.size })}>Clear filters</Link>}
    </Form>
  );
}
