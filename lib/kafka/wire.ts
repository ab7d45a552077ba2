// The few Kafka wire-format pieces the batched group reads need (KIP-482 flexible versions):
// unsigned varints, compact strings and arrays, tagged-field buffers. kafkajs speaks only
// non-flexible versions of OffsetFetch and FindCoordinator, so these two requests are encoded here
// and sent over kafkajs' own connections (group-reads.ts). Every read is bounds-checked: a short
// or garbled answer throws a parse error instead of yielding a wrong offset.
import { TruthflowError } from '@/lib/errors';

export class WireWriter {
  private buf = Buffer.alloc(1024);
  private at = 0;

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const bigger = Buffer.alloc(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(bigger, 0, 0, this.at);
    this.buf = bigger;
  }

  int8(v: number): this {
    this.room(1);
    this.buf.writeInt8(v, this.at);
    this.at += 1;
    return this;
  }

  int32(v: number): this {
    this.room(4);
    this.buf.writeInt32BE(v, this.at);
    this.at += 4;
    return this;
  }

  uvarint(v: number): this {
    this.room(5);
    let rest = v >>> 0;
    while (rest >= 0x80) {
      this.buf[this.at++] = (rest & 0x7f) | 0x80;
      rest >>>= 7;
    }
    this.buf[this.at++] = rest;
    return this;
  }

  compactString(s: string): this {
    const bytes = Buffer.from(s, 'utf8');
    this.uvarint(bytes.length + 1);
    this.room(bytes.length);
    bytes.copy(this.buf, this.at);
    this.at += bytes.length;
    return this;
  }

  /** Length + 1 as an unsigned varint; 0 is null. */
  compactArrayLength(n: number | null): this {
    return this.uvarint(n === null ? 0 : n + 1);
  }

  /** No tagged fields. */
  emptyTags(): this {
    return this.uvarint(0);
  }

  bytes(): Buffer {
    return this.buf.subarray(0, this.at);
  }
}

export class WireReader {
  private at = 0;

  constructor(
    private readonly buf: Buffer,
    private readonly what: string,
  ) {}

  private need(n: number): void {
    if (this.at + n > this.buf.length)
      throw new TruthflowError('parse', `unexpected answer to ${this.what}: ends early at byte ${this.at}`);
  }

  int8(): number {
    this.need(1);
    return this.buf.readInt8(this.at++);
  }

  int16(): number {
    this.need(2);
    const v = this.buf.readInt16BE(this.at);
    this.at += 2;
    return v;
  }

  int32(): number {
    this.need(4);
    const v = this.buf.readInt32BE(this.at);
    this.at += 4;
    return v;
  }

  /** int64 as a decimal string, exactly as kafkajs hands offsets over (checked by schemas.ts). */
  int64(): string {
    this.need(8);
    const v = this.buf.readBigInt64BE(this.at);
    this.at += 8;
    return v.toString();
  }

  uvarint(): number {
    let value = 0;
    for (let shift = 0; shift <= 28; shift += 7) {
      this.need(1);
      const byte = this.buf[this.at++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    throw new TruthflowError('parse', `unexpected answer to ${this.what}: varint longer than 5 bytes`);
  }

  compactNullableString(): string | null {
    const n = this.uvarint();
    if (n === 0) return null;
    this.need(n - 1);
    const s = this.buf.toString('utf8', this.at, this.at + n - 1);
    this.at += n - 1;
    return s;
  }

  compactString(): string {
    const s = this.compactNullableString();
    if (s === null) throw new TruthflowError('parse', `unexpected answer to ${this.what}: null where a string belongs`);
    return s;
  }

  /** Reads a compact array; null reads as empty. */
  compactArray<T>(item: (r: WireReader) => T): T[] {
    const n = this.uvarint();
    if (n === 0) return [];
    // Each item takes at least one byte: a length beyond the bytes left is garbage, not a huge array.
    this.need(n - 1);
    const out = new Array<T>(n - 1);
    for (let i = 0; i < n - 1; i++) out[i] = item(this);
    return out;
  }

  /** Skips a tagged-field buffer: none of the fields these answers may carry is needed. */
  skipTags(): void {
    const count = this.uvarint();
    for (let i = 0; i < count; i++) {
      this.uvarint();
      const size = this.uvarint();
      this.need(size);
      this.at += size;
    }
  }

  done(): void {
    if (this.at !== this.buf.length)
      throw new TruthflowError('parse', `unexpected answer to ${this.what}: ${this.buf.length - this.at} bytes left over`);
  }
}
