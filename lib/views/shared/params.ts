// URL state the dashboard pages share — the time range, the sort direction — and the lenient
// parsing helpers each page's params.ts builds on, so every view can be shared as a link. Pages
// parse leniently (a hand-edited URL falls back to the default instead of an error page); the JSON
// APIs parse strictly and answer 400, so a client bug shows up instead of being guessed at.
// Imported by client components too: no store imports here.
import { z } from 'zod';

export type SearchParams = Record<string, string | string[] | undefined>;

/** "a, b or c", for the "expected …" half of a problem. */
export function oneOf(choices: readonly (string | number)[]): string {
  return choices.length < 2 ? choices.join('') : `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`;
}

// ---- Time range of the charts

export const RANGE_KEYS = ['1h', '6h', '24h', '7d'] as const;
export type RangeKey = (typeof RANGE_KEYS)[number];
export const RANGES: Record<RangeKey, number> = { '1h': 3600, '6h': 6 * 3600, '24h': 24 * 3600, '7d': 7 * 86_400 };
export const DEFAULT_RANGE: RangeKey = '1h';
export const RANGE_WORDS: Record<RangeKey, string> = {
  '1h': 'last hour',
  '6h': 'last 6 hours',
  '24h': 'last 24 hours',
  '7d': 'last 7 days',
};

const rangeSchema = z.enum(RANGE_KEYS, { error: `expected range ${oneOf(RANGE_KEYS)}` });

/** Query of the APIs whose only parameter is the range (a feature, a consumer group). */
export const rangeQuerySchema = z.strictObject({ range: rangeSchema.default(DEFAULT_RANGE) });
export type RangeParams = z.output<typeof rangeQuerySchema>;

// ---- Sorting

export { SORT_DIRS, type SortDir } from '@/lib/sql/order';

// ---- Lenient parsing for pages

/** The first of a repeated parameter (`?range=6h&range=1h` reads as 6h). */
export const firstValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The parsed value, or undefined when it is missing or does not parse (the caller's default applies). */
export function lenient<T>(schema: z.ZodType<T>, value: string | undefined): T | undefined {
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export function parseRangeParams(params: SearchParams): RangeParams {
  return { range: lenient(rangeSchema, firstValue(params.range)) ?? DEFAULT_RANGE };
}
