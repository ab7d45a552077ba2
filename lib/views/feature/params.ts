// URL state of `/features/[feature]` and its API: the feature's name in the path, the charts' time
// range in the query. Imported by client components too: no store imports here.
import { z } from 'zod';
import { NAME } from '../../config/fields';
import { DEFAULT_RANGE, parseRangeParams, rangeQuerySchema, type RangeParams, type SearchParams } from '../shared/params';

/** The config's own name rule: anything else cannot be a feature. */
export const featureNameSchema = z.string().regex(NAME, { error: 'expected a feature name of letters, digits, "-" and "_"' });

export const featureQuerySchema = rangeQuerySchema;
export type FeatureParams = RangeParams;

export function parseFeatureParams(params: SearchParams): FeatureParams {
  return parseRangeParams(params);
}

export function featureHref(feature: string, params: Partial<FeatureParams> = {}): string {
  const range = params.range && params.range !== DEFAULT_RANGE ? `?range=${params.range}` : '';
  return `/features/${encodeURIComponent(feature)}${range}`;
}
