// URL state of the dashboard pages, parsed in one place so every view can be shared as a link.
// Pages parse leniently (a hand-edited URL falls back to the default instead of an error page);
// the JSON APIs parse strictly and answer 400, so a client bug shows up instead of being guessed at.
import { z } from 'zod';
import { NAME } from '../config/fields';

export const RANGES = { '1h': 3600, '6h': 6 * 3600, '24h': 24 * 3600, '7d': 7 * 86_400 } as const;
export type RangeKey = keyof typeof RANGES;
export const RANGE_KEYS = Object.keys(RANGES) as RangeKey[];
export const DEFAULT_RANGE: RangeKey = '1h';
export const RANGE_WORDS: Record<RangeKey, string> = { '1h': 'last hour', '6h': 'last 6 hours', '24h': 'last 24 hours', '7d': 'last 7 days' };

export type Tier = 0 | 1 | 2;
export type SearchParams = Record<string, string | string[] | undefined>;

const rangeSchema = z.enum(['1h', '6h', '24h', '7d'], { error: 'expected range 1h, 6h, 24h or 7d' });
const tierSchema = z.enum(['0', '1', '2'], { error: 'expected tier 0, 1 or 2' }).transform((t) => Number(t) as Tier);
/** The config's own name rule: anything else cannot be a feature. */
export const featureNameSchema = z.string().regex(NAME, { error: 'expected a feature name of letters, digits, "-" and "_"' });

export const featureQuerySchema = z.strictObject({ range: rangeSchema.default(DEFAULT_RANGE) });
export const overviewQuerySchema = z.strictObject({ tier: tierSchema.optional() });

export type FeatureParams = z.output<typeof featureQuerySchema>;
export type OverviewParams = z.output<typeof overviewQuerySchema>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function parseFeatureParams(params: SearchParams): FeatureParams {
  return { range: rangeSchema.catch(DEFAULT_RANGE).parse(first(params.range)) };
}

export function parseOverviewParams(params: SearchParams): OverviewParams {
  const tier = tierSchema.optional().catch(undefined).parse(first(params.tier));
  return tier === undefined ? {} : { tier };
}

/** Query parameters of an API request as a plain object for the strict schemas. */
export function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

/** First problem of a failed strict parse, in words for the 400 body. */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'bad parameters';
  return issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

export function featureHref(feature: string, params: Partial<FeatureParams> = {}): string {
  const range = params.range && params.range !== DEFAULT_RANGE ? `?range=${params.range}` : '';
  return `/features/${encodeURIComponent(feature)}${range}`;
}

export function overviewHref(params: OverviewParams): string {
  return params.tier === undefined ? '/' : `/?tier=${params.tier}`;
}
