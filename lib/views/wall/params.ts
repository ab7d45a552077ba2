// URL state of `/wall`: which tiers and which features this screen shows, so one wall per team or
// per tier is a bookmark (`/wall?tier=0,1&feature=checkout,search`) that survives a reload.
// Lenient like every page: a hand-edited list that does not parse shows everything rather than an
// error page on a screen nobody is standing at. Imported by client components: no store imports.
import { z } from 'zod';
import { NAME } from '../../config/fields';
import { TIERS, type Tier } from '../../config/schema-features';
import { lenient, type SearchParams } from '../shared/params';

/** More names than this in a URL is not a wall anyone reads; keeps the list bounded. */
export const MAX_WALL_FEATURES = 100;

const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

const tierListSchema = z
  .string()
  .transform(list)
  .pipe(z.array(z.string().regex(/^\d$/).transform(Number).pipe(z.literal(TIERS))).min(1));

const featureListSchema = z
  .string()
  .transform(list)
  .pipe(z.array(z.string().regex(NAME)).min(1).max(MAX_WALL_FEATURES));

export interface WallParams {
  tiers?: Tier[];
  features?: string[];
}

/** Repeated parameters (`?tier=0&tier=1`) read like one comma-separated list. */
const joined = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(',') : value);

const unique = <T>(items: T[]) => [...new Set(items)];

export function parseWallParams(params: SearchParams): WallParams {
  const tiers = lenient(tierListSchema, joined(params.tier));
  const features = lenient(featureListSchema, joined(params.feature));
  return {
    ...(tiers ? { tiers: unique(tiers).sort((a, b) => a - b) } : {}),
    ...(features ? { features: unique(features) } : {}),
  };
}

export function wallHref(params: WallParams): string {
  const query = new URLSearchParams();
  if (params.tiers?.length) query.set('tier', params.tiers.join(','));
  if (params.features?.length) query.set('feature', params.features.join(','));
  // Commas stay readable in a bookmark; they need no escaping in a query string.
  const s = query.toString().replace(/%2C/g, ',');
  return s ? `/wall?${s}` : '/wall';
}

/** The features this screen shows: both filters apply when both are given. */
export function selectWallFeatures<F extends { name: string; tier: Tier }>(features: F[], params: WallParams): F[] {
  return features.filter(
    (f) =>
      (params.tiers === undefined || params.tiers.includes(f.tier)) && (params.features === undefined || params.features.includes(f.name)),
  );
}
