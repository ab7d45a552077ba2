// Error classes that arrived in a DLQ over a window, from the dlq collector's per-class sample
// totals. Pure: the DLQ page and the indexing page's bad-document count both read them this way.
import type { SeriesTotal } from '../../store/queries/sample-totals';
import type { ErrorClassCount } from './schema';

/** Classes that arrived, most first; series without a class label or with nothing counted are left out. */
export function errorClassCounts(totals: SeriesTotal[]): ErrorClassCount[] {
  return totals
    .filter((t) => t.labels.error_class !== undefined && t.sum > 0)
    .map((t) => ({ errorClass: t.labels.error_class!, messages: t.sum, lastSeenAt: t.lastAt.toISOString() }))
    .sort((a, b) => b.messages - a.messages || a.errorClass.localeCompare(b.errorClass));
}
