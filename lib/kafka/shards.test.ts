import { describe, expect, it } from 'vitest';
import { groupHash, inShard, lagSourceOfGroup, parseShardTarget, shardOfGroup, shardsOf, shardTargetName, suggestedShards } from './shards';

describe('lag shards', () => {
  it('hashes a group id the same way everywhere (FNV-1a, 32 bit)', () => {
    // Reference values of 32-bit FNV-1a: a changed hash would move every group to another shard.
    expect(groupHash('')).toBe(0x811c9dc5);
    expect(groupHash('a')).toBe(0xe40c292c);
    expect(groupHash('foobar')).toBe(0xbf9cf968);
  });

  it('puts every group in exactly one shard, spread evenly', () => {
    const count = 25;
    const perShard = new Array<number>(count).fill(0);
    let notInExactlyOne = 0;
    for (let g = 0; g < 50_000; g++) {
      const id = `bench-g${g}`;
      if (shardsOf(count).filter((s) => inShard(id, s)).length !== 1) notInExactlyOne++;
      perShard[shardOfGroup(id, count)]! += 1;
    }
    expect(notInExactlyOne).toBe(0);
    // 2,000 expected per shard: within 10 % either way.
    expect(Math.min(...perShard)).toBeGreaterThan(1_800);
    expect(Math.max(...perShard)).toBeLessThan(2_200);
  });

  it('names an unsharded job after its cluster and a shard after cluster, index and count', () => {
    expect(shardTargetName('kafka-prod', { index: 0, count: 1 })).toBe('kafka-prod');
    expect(shardTargetName('kafka-prod', { index: 3, count: 8 })).toBe('kafka-prod:3/8');
    expect(parseShardTarget('kafka-prod:3/8')).toEqual({ cluster: 'kafka-prod', shard: { index: 3, count: 8 } });
    expect(parseShardTarget('kafka-prod')).toBeUndefined();
    expect(parseShardTarget('kafka-prod:8/8')).toBeUndefined();
    expect(lagSourceOfGroup('kafka-prod', 'indexer', 1)).toBe('kafka-prod');
    expect(lagSourceOfGroup('kafka-prod', 'indexer', 4)).toBe(`kafka-prod:${shardOfGroup('indexer', 4)}/4`);
  });

  it('suggests one shard per 2,000 groups', () => {
    expect(suggestedShards(0)).toBe(1);
    expect(suggestedShards(2_000)).toBe(1);
    expect(suggestedShards(2_001)).toBe(2);
    expect(suggestedShards(50_000)).toBe(25);
  });
});
