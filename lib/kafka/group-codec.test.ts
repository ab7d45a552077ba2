// The batched group requests byte for byte: requests as the Kafka protocol spec lays out
// FindCoordinator v4 and OffsetFetch v8 (flexible versions, KIP-482), and answers built the same
// way decoded back, including the tagged fields a newer broker may add and answers cut short.
import { describe, expect, it } from 'vitest';
import { TruthflowError } from '@/lib/errors';
import { decodeFindCoordinators, decodeOffsetFetch, encodeFindCoordinators, encodeOffsetFetch } from './group-codec';
import { WireReader, WireWriter } from './wire';

const hex = (b: Buffer) => b.toString('hex');

describe('FindCoordinator v4', () => {
  it('asks for many group keys in one request, after the empty header tag buffer', () => {
    // header tags 00 | key_type 00 | keys: 2+1 | "g1" (len 2+1) | "abc" | request tags 00
    expect(hex(encodeFindCoordinators(['g1', 'abc']))).toBe(
      '0000' + '03' + '03' + hex(Buffer.from('g1')) + '04' + hex(Buffer.from('abc')) + '00',
    );
  });

  it('reads each key’s coordinator and error, skipping tagged fields', () => {
    const w = new WireWriter().uvarint(1).uvarint(7).uvarint(2).int8(1).int8(2); // header with one tagged field (tag 7, 2 bytes)
    w.int32(0).compactArrayLength(2);
    w.compactString('g1').int32(3).compactString('broker-3').int32(9092).int8(0).int8(0).compactArrayLength(null).emptyTags();
    w.compactString('g2').int32(-1).compactString('').int32(-1).int8(0).int8(15).compactString('not ready').emptyTags();
    w.emptyTags();
    expect(decodeFindCoordinators(w.bytes())).toEqual([
      { groupId: 'g1', nodeId: 3, errorCode: 0, errorMessage: null },
      { groupId: 'g2', nodeId: -1, errorCode: 15, errorMessage: 'not ready' },
    ]);
  });
});

describe('OffsetFetch v8', () => {
  it('asks for every committed partition of many groups (topics null), not requiring stable offsets', () => {
    // header tags | groups: 2+1 | "a" topics null tags | "b" topics null tags | require_stable 0 | tags
    expect(hex(encodeOffsetFetch(['a', 'b']))).toBe(
      '00' + '03' + '02' + hex(Buffer.from('a')) + '00' + '00' + '02' + hex(Buffer.from('b')) + '0000' + '00' + '00',
    );
  });

  it('reads offsets as decimal strings, -1 as no commit, and per-group and per-partition errors', () => {
    const w = new WireWriter().emptyTags().int32(0).compactArrayLength(2);
    w.compactString('a').compactArrayLength(1).compactString('orders').compactArrayLength(2);
    const partition = (index: number, offset: bigint, error: number) => {
      const b = Buffer.alloc(8);
      b.writeBigInt64BE(offset);
      w.int32(index);
      for (const byte of b) w.int8((byte << 24) >> 24);
      w.int32(-1).compactString('meta').int8(0).int8(error).emptyTags();
    };
    partition(0, 9_007_199_254_740_991n, 0);
    partition(1, -1n, 0);
    w.emptyTags(); // topic
    w.int8(0).int8(0).emptyTags(); // group a: error 0
    w.compactString('b').compactArrayLength(0).int8(0).int8(16).emptyTags(); // group b: NOT_COORDINATOR
    w.emptyTags();
    expect(decodeOffsetFetch(w.bytes())).toEqual([
      {
        groupId: 'a',
        errorCode: 0,
        topics: [
          {
            topic: 'orders',
            partitions: [
              { partition: 0, offset: '9007199254740991', errorCode: 0 },
              { partition: 1, offset: '-1', errorCode: 0 },
            ],
          },
        ],
      },
      { groupId: 'b', errorCode: 16, topics: [] },
    ]);
  });

  it('refuses an answer cut short or with bytes left over, as a parse error', () => {
    const w = new WireWriter()
      .emptyTags()
      .int32(0)
      .compactArrayLength(1)
      .compactString('a')
      .compactArrayLength(0)
      .int8(0)
      .int8(0)
      .emptyTags()
      .emptyTags();
    const whole = w.bytes();
    expect(decodeOffsetFetch(whole)).toHaveLength(1);
    for (const bad of [whole.subarray(0, whole.length - 2), Buffer.concat([whole, Buffer.from([0])])]) {
      expect(() => decodeOffsetFetch(bad)).toThrow(TruthflowError);
      expect(() => decodeOffsetFetch(bad)).toThrow(/unexpected answer to OffsetFetch v8/);
    }
    // An array length larger than the bytes left is garbage, not a reason to allocate millions.
    const huge = new WireWriter().emptyTags().int32(0).uvarint(50_000_000).bytes();
    expect(() => decodeOffsetFetch(huge)).toThrow(/ends early/);
  });
});

describe('wire', () => {
  it('writes and reads unsigned varints across byte boundaries', () => {
    for (const n of [0, 1, 127, 128, 300, 16_383, 16_384, 2 ** 28, 2 ** 32 - 1]) {
      expect(new WireReader(new WireWriter().uvarint(n).bytes(), 't').uvarint()).toBe(n);
    }
  });

  it('round-trips strings with multi-byte characters', () => {
    const r = new WireReader(new WireWriter().compactString('grüppe-✓').bytes(), 't');
    expect(r.compactString()).toBe('grüppe-✓');
    r.done();
  });
});
