// Sort orders a caller may ask a query for. Defined here, below the store and the views, because
// both speak of them: the views parse them from the URL, the query modules map them to SQL.
export const SORT_DIRS = ['asc', 'desc'] as const;
export type SortDir = (typeof SORT_DIRS)[number];

/** How the consumer-groups list can be ordered. */
export const GROUP_SORTS = ['lag', 'lagSeconds', 'group', 'verdict'] as const;
export type GroupSort = (typeof GROUP_SORTS)[number];
