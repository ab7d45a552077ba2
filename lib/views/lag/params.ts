// URL state of `/lag` and `/lag/[cluster]/[group]`, parsed in one place. Pages parse leniently (a
// hand-edited URL falls back to the default); the JSON APIs parse strictly and answer 400 naming
// the bad parameter. Imported by client components too: no store imports here.
import { z } from 'zod';
import { NAME } from '../../config/fields';
import { GROUP_VERDICTS } from '../../kafka/verdict';
import {
  DEFAULT_RANGE,
  firstValue,
  lenient,
  oneOf,
  parseRangeParams,
  rangeQuerySchema,
  SORT_DIRS,
  type RangeKey,
  type RangeParams,
  type SearchParams,
  type SortDir,
} from '../shared/params';

/** Columns the groups table sorts by (the store maps each to its ORDER BY). */
import { GROUP_SORTS, type GroupSort } from '@/lib/sql/order';

export const DEFAULT_SORT: GroupSort = 'lag';
export const DEFAULT_PAGE_SIZE = 50;
/** Same cap as the query module's: a page is at most 100 rows whatever the URL says. */
export const MAX_PAGE_SIZE = 100;
export const PAGE_SIZES = [25, 50, 100] as const;
/** Deep enough for 10,000 groups one per page; keeps OFFSET bounded. */
export const MAX_PAGE = 100_000;
/** Kafka group ids have no hard limit; one longer than this is a typo or an attack, not a group. */
export const MAX_GROUP_ID_LENGTH = 255;

/** The groups page's state as parsed, echoed in the API's answer (`params`). */
export const lagParamsSchema = z.object({
  cluster: z.string().optional(),
  verdict: z.enum(GROUP_VERDICTS).optional(),
  /** Group id prefix. */
  q: z.string().optional(),
  sort: z.enum(GROUP_SORTS),
  dir: z.enum(SORT_DIRS),
  page: z.number(),
  size: z.number(),
});
export type LagListParams = z.output<typeof lagParamsSchema>;

/** Biggest lag and worst verdict first; names read A to Z. */
export const defaultDir = (sort: GroupSort): SortDir => (sort === 'group' ? 'asc' : 'desc');

const whole = (what: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,7}$/, { error: `expected ${what} from ${min} to ${max}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: `expected ${what} from ${min} to ${max}` })
        .max(max, { error: `expected ${what} from ${min} to ${max}` }),
    );

const clusterSchema = z.string().regex(NAME, { error: 'expected a cluster (kafka source) name of letters, digits, "-" and "_"' });
const verdictSchema = z.enum(GROUP_VERDICTS, { error: `expected verdict ${GROUP_VERDICTS.join(', ')}` });
const prefixSchema = z
  .string()
  .max(MAX_GROUP_ID_LENGTH, { error: `expected a group id prefix of at most ${MAX_GROUP_ID_LENGTH} characters` });
const sortSchema = z.enum(GROUP_SORTS, { error: `expected sort ${GROUP_SORTS.join(', ')}` });
const dirSchema = z.enum(SORT_DIRS, { error: `expected dir ${oneOf(SORT_DIRS)}` });
const pageSchema = whole('a page number', 1, MAX_PAGE);
const sizeSchema = whole('a page size', 1, MAX_PAGE_SIZE);

/** `GET /api/lag` query: unknown parameters are errors too, so a typo never silently means "all". */
export const lagListQuerySchema = z
  .strictObject({
    cluster: clusterSchema.optional(),
    verdict: verdictSchema.optional(),
    q: prefixSchema.optional(),
    sort: sortSchema.default(DEFAULT_SORT),
    dir: dirSchema.optional(),
    page: pageSchema.default(1),
    size: sizeSchema.default(DEFAULT_PAGE_SIZE),
  })
  .transform((p): LagListParams => tidy({ ...p, dir: p.dir ?? defaultDir(p.sort) }));

/** Drops empty filters so that `?q=` and no `q` are the same URL state. */
function tidy(p: LagListParams): LagListParams {
  const out: LagListParams = { sort: p.sort, dir: p.dir, page: p.page, size: p.size };
  if (p.cluster) out.cluster = p.cluster;
  if (p.verdict) out.verdict = p.verdict;
  if (p.q) out.q = p.q;
  return out;
}

export function parseLagListParams(params: SearchParams): LagListParams {
  const sort = lenient(sortSchema, firstValue(params.sort)) ?? DEFAULT_SORT;
  return tidy({
    cluster: lenient(clusterSchema, firstValue(params.cluster)),
    verdict: lenient(verdictSchema, firstValue(params.verdict)),
    q: lenient(prefixSchema, firstValue(params.q)),
    sort,
    dir: lenient(dirSchema, firstValue(params.dir)) ?? defaultDir(sort),
    page: lenient(pageSchema, firstValue(params.page)) ?? 1,
    size: lenient(sizeSchema, firstValue(params.size)) ?? DEFAULT_PAGE_SIZE,
  });
}

export function lagHref(p: LagListParams): string {
  const q = new URLSearchParams();
  if (p.cluster) q.set('cluster', p.cluster);
  if (p.verdict) q.set('verdict', p.verdict);
  if (p.q) q.set('q', p.q);
  if (p.sort !== DEFAULT_SORT) q.set('sort', p.sort);
  if (p.dir !== defaultDir(p.sort)) q.set('dir', p.dir);
  if (p.page !== 1) q.set('page', String(p.page));
  if (p.size !== DEFAULT_PAGE_SIZE) q.set('size', String(p.size));
  const s = q.toString();
  return s ? `/lag?${s}` : '/lag';
}

/** The API URL for the same state (the polling hook's). */
export const lagApiHref = (p: LagListParams) => lagHref(p).replace(/^\/lag/, '/api/lag');

/** Clicking the current sort column flips its direction; another column starts at its default. Page 1 either way. */
export function sortHref(p: LagListParams, sort: GroupSort): string {
  const dir = p.sort === sort ? (p.dir === 'asc' ? 'desc' : 'asc') : defaultDir(sort);
  return lagHref({ ...p, sort, dir, page: 1 });
}

export const pageHref = (p: LagListParams, page: number) => lagHref({ ...p, page });

/** Pages needed for `total` rows; at least 1, so "page 1 of 1" reads right for an empty list. */
export const pageCount = (total: number, size: number) => Math.max(1, Math.ceil(total / size));

// ---- One group's page

export const clusterParamSchema = clusterSchema;
export const groupParamSchema = z
  .string()
  .min(1, { error: 'expected a consumer group id' })
  .max(MAX_GROUP_ID_LENGTH, { error: `expected a group id of at most ${MAX_GROUP_ID_LENGTH} characters` });
export const groupQuerySchema = rangeQuerySchema;

export function parseGroupParams(params: SearchParams): RangeParams {
  return parseRangeParams(params);
}

export function groupHref(cluster: string, group: string, range?: RangeKey): string {
  const path = `/lag/${encodeURIComponent(cluster)}/${encodeURIComponent(group)}`;
  return range && range !== DEFAULT_RANGE ? `${path}?range=${range}` : path;
}

export const groupApiHref = (cluster: string, group: string, range: RangeKey) => `/api${groupHref(cluster, group)}?range=${range}`;
