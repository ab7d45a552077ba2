// 64-bit integers arrive as protobufjs Long objects (or plain numbers when the `long` module is not
// loadable, as in some bundles) from protobuf, and as decimal strings or numbers from JSON.

interface LongLike {
  low: number;
  high: number;
  unsigned?: boolean;
}

const isLongLike = (v: unknown): v is LongLike =>
  typeof v === 'object' && v !== null && typeof (v as LongLike).low === 'number' && typeof (v as LongLike).high === 'number';

/** A fixed64/int64 as a bigint, or null when the value is not an integer at all. */
export function toBigInt(value: unknown, signed = false): bigint | null {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return Number.isFinite(value) && Number.isInteger(value) ? BigInt(value) : null;
  if (typeof value === 'string') return /^-?\d{1,20}$/.test(value) ? BigInt(value) : null;
  if (isLongLike(value)) {
    const bits = (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0);
    return signed && !value.unsigned ? BigInt.asIntN(64, bits) : bits;
  }
  return null;
}

/** An int64 attribute for JSON storage: a number while exact, else its decimal string. */
export function int64Value(value: unknown): number | string | null {
  const big = toBigInt(value, true);
  if (big === null) return null;
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big.toString();
}
