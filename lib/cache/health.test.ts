import { describe, expect, it } from 'vitest';
import { assessCache, emptyCacheMemory } from './health';
import { parseRedisInfo, type RedisInfo } from './info';

const info = (over: Partial<RedisInfo> = {}): RedisInfo => ({
  role: 'master',
  linkUp: null,
  primary: null,
  evictedKeys: 0,
  expiredKeys: 0,
  hits: 0,
  misses: 0,
  usedMemory: 500,
  maxMemory: 1000,
  maxMemoryPolicy: 'allkeys-lru',
  connectedClients: 3,
  runId: 'a',
  ...over,
});

describe('parseRedisInfo', () => {
  it('reads the fields it needs from INFO text and refuses a reply that lacks one', () => {
    const text =
      '# Replication\r\nrole:slave\r\nmaster_host:10.0.0.1\r\nmaster_port:6379\r\nmaster_link_status:down\r\n# Stats\r\nevicted_keys:4\r\nexpired_keys:5\r\nkeyspace_hits:6\r\nkeyspace_misses:7\r\n# Memory\r\nused_memory:100\r\nmaxmemory:0\r\n# Clients\r\nconnected_clients:2\r\n';
    expect(parseRedisInfo(text, 'n1')).toMatchObject({
      role: 'slave',
      linkUp: false,
      primary: '10.0.0.1:6379',
      evictedKeys: 4,
      hits: 6,
      maxMemory: 0,
    });
    expect(() => parseRedisInfo('role:master\r\n', 'n1')).toThrow(/INFO from n1 lacks or garbles: evicted_keys/);
  });
});

describe('assessCache', () => {
  it('gives no rates or ratio on first sight, then per-second rates and a hit ratio weighted by reads', () => {
    const first = assessCache(
      [
        { node: 'a', info: info(), at: 0 },
        { node: 'b', info: info({ role: 'slave', linkUp: true }), at: 0 },
      ],
      emptyCacheMemory(),
    );
    expect(first).toMatchObject({ hitRatio: null, evictionsPerSecond: null, upRatio: 1 });
    const second = assessCache(
      [
        { node: 'a', info: info({ hits: 90, misses: 10, evictedKeys: 50 }), at: 10_000 },
        { node: 'b', info: info({ role: 'slave', linkUp: true, hits: 0, misses: 100 }), at: 10_000 },
      ],
      first.memory,
    );
    expect(second.hitRatio).toBeCloseTo(90 / 200);
    expect(second.evictionsPerSecond).toBe(5);
    expect(second.nodes[0]?.usedMemoryRatio).toBe(0.5);
    expect(second.nodes.map((n) => n.roleChange)).toEqual([null, null]);
  });

  it('treats a new run_id as a restart and records a role change across an outage as one event', () => {
    const before = assessCache([{ node: 'b', info: info({ role: 'slave', linkUp: true, evictedKeys: 100 }), at: 0 }], emptyCacheMemory());
    const down = assessCache([{ node: 'b', info: null, at: 10_000 }], before.memory);
    expect(down.upRatio).toBe(0);
    expect(down.nodes[0]?.evictionsPerSecond).toBeNull();
    const promoted = assessCache([{ node: 'b', info: info({ runId: 'b2', evictedKeys: 20 }), at: 20_000 }], down.memory);
    expect(promoted.nodes[0]?.roleChange).toEqual({ from: 'replica', to: 'primary' });
    // No previous reading since the outage: no rate; the run after gives one from the restart's counters.
    expect(promoted.nodes[0]?.evictionsPerSecond).toBeNull();
    const after = assessCache([{ node: 'b', info: info({ runId: 'b2', evictedKeys: 30 }), at: 30_000 }], promoted.memory);
    expect(after.nodes[0]).toMatchObject({ evictionsPerSecond: 1, roleChange: null });
  });
});
