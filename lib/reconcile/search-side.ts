// A search index (OpenSearch or Elasticsearch) as the derived side of a reconciliation. Bucket
// summaries are one search per call (doc_count and a sum over the stored row-hash field); keys are read from doc values, never from _source, so a listing costs no document
// fetches. Every response is validated with zod before it is believed.
import { z } from 'zod';
import { TruthflowError } from '@/lib/errors';
import { searchRequest, type SearchConnection } from '@/lib/search/http';
import { HASH_SPACE } from './hash';
import type { Bucket, BucketSummary, KeyRow, ReconcileSide } from './types';

export interface SearchSideSpec {
  index: string;
  id: string;
  updatedAt: string;
  /** The version field; when it is the updatedAt field the version is its epoch milliseconds. */
  version: string;
  hashField: string;
}

/** The most documents one listing may return; callers batch below it (index.max_result_window). */
export const SEARCH_LIST_LIMIT = 10_000;

const keyedBuckets = z.object({
  buckets: z.record(z.string(), z.object({ doc_count: z.number().int().min(0), h: z.object({ value: z.number().nullable() }) })),
});
const summarySchema = z.object({ aggregations: z.object({ t: keyedBuckets.optional(), b: keyedBuckets.optional() }) });

const docValue = z.array(z.union([z.string(), z.number()])).min(1);
const hitsSchema = z.object({
  hits: z.object({
    hits: z.array(z.object({ fields: z.record(z.string(), docValue).optional() })),
  }),
});

const minSchema = z.object({ aggregations: z.object({ m: z.object({ value: z.number().nullable() }) }) });

export function searchSide(conn: SearchConnection, spec: SearchSideSpec, label: string): ReconcileSide {
  const path = `/${encodeURIComponent(spec.index)}/_search`;
  const versionIsTime = spec.version === spec.updatedAt;
  const millis = (field: string) => ({ field, format: 'epoch_millis' });
  const docvalueFields = [spec.id, versionIsTime ? millis(spec.version) : spec.version, millis(spec.updatedAt)];
  const before = (cutoffMs: number) => ({ range: { [spec.updatedAt]: { lt: cutoffMs, format: 'epoch_millis' } } });
  const inBucket = (b: Bucket) => ({
    bool: {
      filter: [
        { range: { [spec.updatedAt]: { gte: b.from, lt: b.to, format: 'epoch_millis' } } },
        { range: { [spec.hashField]: { gte: b.hashLo, lt: b.hashHi } } },
      ],
    },
  });
  const search = <T>(body: unknown, schema: z.ZodType<T>) =>
    searchRequest(conn, { method: 'POST', path, body, schema }).then((r) => r.body);

  const toKeyRows = (hits: z.output<typeof hitsSchema>): KeyRow[] =>
    hits.hits.hits.flatMap((hit) => {
      const [key] = hit.fields?.[spec.id] ?? [];
      const [version] = hit.fields?.[spec.version] ?? [];
      const [updated] = hit.fields?.[spec.updatedAt] ?? [];
      // A document without the fields cannot be placed in a bucket; it is invisible, not an error.
      if (key === undefined || version === undefined || updated === undefined) return [];
      return [{ key: String(key), version: String(version), updatedAtMs: Number(updated) }];
    });

  const listing = async (query: unknown, size: number): Promise<KeyRow[]> => {
    const body = { size, track_total_hits: false, _source: false, docvalue_fields: docvalueFields, sort: ['_doc'], query };
    return toKeyRows(await search(body, hitsSchema));
  };

  return {
    label,
    async summarize(buckets, cutoffMs) {
      if (buckets.length === 0) return [];
      // Buckets over all of hash space go to one date_range aggregation (a single pass over the
      // matching documents' doc values); the rare buckets cut by hash go to a filters aggregation,
      // whose every filter is a query of its own and costs accordingly.
      const whole = buckets.flatMap((b, i) => (b.hashLo === 0 && b.hashHi === HASH_SPACE ? [i] : []));
      const cut = buckets.flatMap((b, i) => (b.hashLo === 0 && b.hashHi === HASH_SPACE ? [] : [i]));
      const sum = { h: { sum: { field: spec.hashField } } };
      const aggs: Record<string, unknown> = {};
      if (whole.length > 0) {
        const ranges = whole.map((i) => ({ key: String(i), from: buckets[i]!.from, to: buckets[i]!.to }));
        aggs.t = { date_range: { field: spec.updatedAt, format: 'epoch_millis', keyed: true, ranges }, aggs: sum };
      }
      if (cut.length > 0) {
        aggs.b = { filters: { filters: Object.fromEntries(cut.map((i) => [String(i), inBucket(buckets[i]!)])) }, aggs: sum };
      }
      const from = Math.min(...buckets.map((b) => b.from));
      const to = Math.min(cutoffMs, Math.max(...buckets.map((b) => b.to)));
      const query = { range: { [spec.updatedAt]: { gte: from, lt: to, format: 'epoch_millis' } } };
      const answer = await search({ size: 0, track_total_hits: false, query, aggs }, summarySchema);
      return buckets.map((_, i): BucketSummary => {
        const b = answer.aggregations.t?.buckets[String(i)] ?? answer.aggregations.b?.buckets[String(i)];
        if (!b) throw new TruthflowError('parse', `POST ${path}: bucket ${i} missing from the aggregation`);
        const total = b.h.value ?? 0;
        // Exact by construction (docs/algorithms.md); anything else means the field is not our hash.
        if (!Number.isSafeInteger(total)) {
          throw new TruthflowError('parse', `POST ${path}: hash sum ${total} is not an exact integer (is ${spec.hashField} the row hash?)`);
        }
        return { count: b.doc_count, hashSum: BigInt(total) };
      });
    },
    async list(buckets, cutoffMs) {
      if (buckets.length === 0) return [];
      const query = { bool: { filter: [before(cutoffMs)], should: buckets.map(inBucket), minimum_should_match: 1 } };
      return listing(query, SEARCH_LIST_LIMIT);
    },
    async lookup(keys) {
      if (keys.length === 0) return [];
      if (keys.length > SEARCH_LIST_LIMIT) throw new TruthflowError('config', `lookup of ${keys.length} keys exceeds ${SEARCH_LIST_LIMIT}`);
      return listing({ terms: { [spec.id]: keys } }, keys.length);
    },
    async oldestMs() {
      const body = { size: 0, track_total_hits: false, aggs: { m: { min: { field: spec.updatedAt } } } };
      const answer = await search(body, minSchema);
      return answer.aggregations.m.value;
    },
  };
}
