// A minimal protobuf wire reader for the OTLP trace decoder. protobufjs builds an object per
// message (a Long per fixed64, a prototype-backed object per AnyValue) that decode-proto.ts then
// copied into DecodedSpans: two trees and most of the receiver's CPU per span. Reading the wire
// directly builds the DecodedSpans alone. Framing errors throw WireError, as protobufjs threw.

export class WireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireError';
  }
}

/** Wire types (the low three bits of a tag). */
export const VARINT = 0;
export const I64 = 1;
export const LEN = 2;
export const I32 = 5;

// Buffer's own slice decoders: toString(encoding, start, end) looks the encoding up and checks its
// arguments on every call, which cost as much as the decoding for the short strings spans hold.
interface Slices {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
  hexSlice(start: number, end: number): string;
  base64Slice(start: number, end: number): string;
}

export class WireReader {
  pos = 0;
  private readonly slices: Slices;
  constructor(readonly buf: Buffer) {
    this.slices = buf as unknown as Slices;
  }

  private byte(end: number): number {
    if (this.pos >= end) throw new WireError(`index out of range: ${this.pos} + 1 > ${end}`);
    return this.buf[this.pos++]!;
  }

  /** A varint's low 32 bits, unsigned (tags, lengths, enums, uint32). */
  uint32(end: number): number {
    let b = this.byte(end);
    if (b < 128) return b;
    let v = b & 127;
    for (let shift = 7; shift < 28; shift += 7) {
      b = this.byte(end);
      v |= (b & 127) << shift;
      if (b < 128) return v >>> 0;
    }
    b = this.byte(end);
    v |= (b & 15) << 28;
    // Up to five more bytes hold bits above 32: read past them, as protobufjs does.
    for (let i = 0; b >= 128; i++) {
      if (i === 5) throw new WireError('invalid varint encoding');
      b = this.byte(end);
    }
    return v >>> 0;
  }

  /** A varint as a signed 64-bit value: a number while exact, else its decimal string. */
  int64(end: number): number | string {
    let lo = 0;
    let hi = 0;
    let b = 128;
    for (let shift = 0; shift < 28 && b >= 128; shift += 7) {
      b = this.byte(end);
      lo |= (b & 127) << shift;
    }
    if (b >= 128) {
      b = this.byte(end);
      lo |= (b & 127) << 28;
      hi = (b & 127) >> 4;
      for (let shift = 3; b >= 128; shift += 7) {
        if (shift > 31) throw new WireError('invalid varint encoding');
        b = this.byte(end);
        hi |= (b & 127) << shift;
      }
    }
    if (hi === 0) return lo >>> 0;
    const big = BigInt.asIntN(64, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
    return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big.toString();
  }

  fixed64(end: number): bigint {
    this.need(8, end);
    const v = this.buf.readBigUInt64LE(this.pos);
    this.pos += 8;
    return v;
  }

  double(end: number): number {
    this.need(8, end);
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }

  /** A length prefix; returns where the field's bytes end (they start at `pos`). */
  len(end: number): number {
    const n = this.uint32(end);
    this.need(n, end);
    return this.pos + n;
  }

  /**
   * A string made storable (see text.ts): the UTF-8 decoder already replaces invalid sequences,
   * encoded surrogates included, with U+FFFD, so only NUL is left to replace.
   */
  string(end: number): string {
    const to = this.len(end);
    const from = this.pos;
    this.pos = to;
    if (to - from <= MAX_INTERNED) {
      const s = interned(this.buf, from, to);
      if (s !== undefined) return s;
    }
    const s = this.slices.utf8Slice(from, to);
    return s.includes('\0') ? s.replaceAll('\0', '\uFFFD') : s;
  }

  /** Bytes as lowercase hex (ids): no copy of the bytes is made. */
  hex(end: number): string {
    const to = this.len(end);
    const s = this.slices.hexSlice(this.pos, to);
    this.pos = to;
    return s;
  }

  base64(end: number): string {
    const to = this.len(end);
    const s = this.slices.base64Slice(this.pos, to);
    this.pos = to;
    return s;
  }

  /** Skips a field of an unknown number (or a known one we do not keep). */
  skip(wireType: number, end: number): void {
    switch (wireType) {
      case VARINT:
        this.uint32(end);
        return;
      case I64:
        this.need(8, end);
        this.pos += 8;
        return;
      case LEN:
        this.pos = this.len(end);
        return;
      case 3: {
        // A group, up to its end tag (wire type 4).
        for (let tag = this.uint32(end); (tag & 7) !== 4; tag = this.uint32(end)) this.skip(tag & 7, end);
        return;
      }
      case I32:
        this.need(4, end);
        this.pos += 4;
        return;
      default:
        throw new WireError(`invalid wire type ${wireType} at offset ${this.pos}`);
    }
  }

  private need(n: number, end: number): void {
    if (this.pos + n > end) throw new WireError(`index out of range: ${this.pos} + ${n} > ${end}`);
  }
}

// Attribute keys, service and span names and many values repeat in every span of a request. Short
// printable ASCII strings are looked up by a hash of their bytes and compared in place: a hit
// costs no decoder call and no allocation, and returns the same string object, which V8 has
// already internalized when it was used as a property key. A slot holds the last string hashed
// to it; a miss decodes as usual and takes the slot.
const MAX_INTERNED = 48;
const SLOTS = 4096;
const table: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);

function interned(buf: Buffer, from: number, to: number): string | undefined {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    const b = buf[i]!;
    // NUL (replaced by string()) and non-ASCII (multi-byte UTF-8) take the decoder's path.
    if (b === 0 || b > 0x7e) return undefined;
    h = Math.imul(h ^ b, 0x01000193);
  }
  const slot = (h >>> 0) & (SLOTS - 1);
  const hit = table[slot];
  if (hit !== undefined && hit.length === to - from) {
    let i = 0;
    while (i < hit.length && hit.charCodeAt(i) === buf[from + i]) i++;
    if (i === hit.length) return hit;
  }
  const s = (buf as unknown as Slices).latin1Slice(from, to);
  table[slot] = s;
  return s;
}

/** The field's wire type is not the one its number is declared with. */
export function wrongType(field: string, wireType: number): WireError {
  return new WireError(`${field}: unexpected wire type ${wireType}`);
}
