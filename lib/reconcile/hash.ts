// The row hash both sides of a reconciliation agree on: the first 28 bits of sha256("key|version"),
// as a non-negative integer. Postgres computes it in SQL (sha256 is built in since 11); a search
// index stores it in a field the indexer fills with rowHash() at write time, because OpenSearch
// without its painless module cannot run a script that would compute it. Sums of these values are
// exact in a double up to 2^53, i.e. for buckets of up to 2^25 (33 million) rows: see
// docs/algorithms.md "Reconciliation".
import { createHash } from 'node:crypto';

export const HASH_BITS = 28;
/** Hash ranges are [lo, hi) over [0, HASH_SPACE). */
export const HASH_SPACE = 2 ** HASH_BITS;
/** Largest bucket whose double-precision hash sum is still an exact integer. */
export const EXACT_SUM_ROWS = 2 ** (53 - HASH_BITS);

/** The version as both sides spell it: an integer's decimal digits, or a time's epoch milliseconds. */
export function versionText(version: number | bigint | string | Date): string {
  return version instanceof Date ? String(version.getTime()) : String(version);
}

export function rowHash(key: string, version: number | bigint | string | Date): number {
  const hex = createHash('sha256')
    .update(`${key}|${versionText(version)}`, 'utf8')
    .digest('hex');
  return Number.parseInt(hex.slice(0, HASH_BITS / 4), 16);
}

/** The same hash in SQL, over already quoted text expressions for the key and the version. */
export function sqlRowHash(keyText: string, versionTextExpr: string): string {
  return `('x' || substr(encode(sha256(convert_to(${keyText} || '|' || ${versionTextExpr}, 'UTF8')), 'hex'), 1, ${HASH_BITS / 4}))::bit(${HASH_BITS})::int`;
}
