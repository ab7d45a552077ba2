// Server-side paging: links, so every page is a URL and the back button works.
import Link from 'next/link';
import { pageHref, type LagListParams } from '@/lib/views/lag/params';

export function Pager({ params, pages }: { params: LagListParams; pages: number }) {
  const { page } = params;
  const link = (to: number, label: string, rel?: string) =>
    to >= 1 && to <= pages && to !== page ? (
      <Link href={pageHref(params, to)} rel={rel}>
        {label}
      </Link>
    ) : (
      <span className="muted" aria-disabled="true">
        {label}
      </span>
    );
  return (
    <nav aria-label="Pages" className="pager">
      {link(1, '« First')}
      {link(page - 1, '‹ Previous', 'prev')}
      <span data-testid="page-position">
        page {page} of {pages}
      </span>
      {link(page + 1, 'Next ›', 'next')}
      {link(pages, 'Last »')}
    </nav>
  );
}
