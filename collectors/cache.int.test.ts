// The cache collector against two real Redis servers this test starts through the project's
// launcher (scripts/redis.ts) on ports of its own: a primary with a small maxmemory (so a generated
// load evicts) and its replica. A failover is a replica promoted with REPLICAOF NO ONE.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type TruthflowConfig } from '@/lib/config';
import type { CacheConfig } from '@/lib/config/schema-flows';
import { TruthflowError } from '@/lib/errors';
import { createLogger } from '@/lib/log';
import { SERIES } from '@/lib/series-names';
import { createClients, type Clients } from '@/lib/sources/clients';
import { startRedis, stopRedis } from '@/scripts/redis';
import { cacheCollector } from './cache';
import type { CacheMemory } from '@/lib/cache/health';
import type { JobOutput } from './types';

const PRIMARY = 16391;
const REPLICA = 16392;
const primaryNode = `127.0.0.1:${PRIMARY}`;
const replicaNode = `127.0.0.1:${REPLICA}`;
let primary: Redis;
let replica: Redis;
let clients: Clients;
let config: TruthflowConfig;
const log = createLogger('test');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  await startRedis({ port: PRIMARY, maxMemory: 4 * 1024 * 1024 });
  await startRedis({ port: REPLICA, replicaOf: PRIMARY });
  primary = new Redis({ port: PRIMARY, host: '127.0.0.1' });
  replica = new Redis({ port: REPLICA, host: '127.0.0.1' });
  // The test stops these servers on purpose; their reconnect attempts must not read as failures.
  for (const c of [primary, replica]) c.on('error', () => undefined);
  for (let i = 0; i < 100 && !(await replica.info('replication')).includes('master_link_status:up'); i++) await sleep(200);
  const sources = { shop: { kind: 'redis', nodes: [primaryNode, replicaNode], topology: 'replicated' } };
  config = parseConfig(JSON.stringify({ sources, caches: [{ name: 'shop-cache', source: 'shop' }] }), {});
  clients = createClients(config);
}, 60_000);

afterAll(async () => {
  await clients?.closeAll();
  primary?.disconnect();
  replica?.disconnect();
  await stopRedis(REPLICA);
  await stopRedis(PRIMARY);
});

const target = (): CacheConfig => config.caches[0]!;
function collect(state: CacheMemory): Promise<JobOutput> {
  return cacheCollector.collect({
    target: target(),
    config,
    clients,
    now: () => new Date(),
    signal: new AbortController().signal,
    state,
    log,
  });
}
function value(out: JobOutput, metric: string, labels: Record<string, string>): number | undefined {
  const key = JSON.stringify(Object.entries(labels).sort());
  return out.samples.find((s) => s.metric === metric && JSON.stringify(Object.entries(s.labels).sort()) === key)?.value;
}

describe('cache collector', () => {
  let state: CacheMemory;
  beforeAll(() => {
    state = cacheCollector.initialState(target());
  });

  it('reports roles, link status and memory, and no rates on the first reading', async () => {
    const first = await collect(state);
    expect(value(first, SERIES.cacheNodeIsPrimary, { cache: 'shop-cache', node: primaryNode })).toBe(1);
    expect(value(first, SERIES.cacheNodeIsPrimary, { cache: 'shop-cache', node: replicaNode })).toBe(0);
    expect(value(first, SERIES.cacheReplicationLinkUp, { cache: 'shop-cache', node: replicaNode })).toBe(1);
    expect(value(first, SERIES.cacheMemoryUsedRatio, { cache: 'shop-cache', node: primaryNode })).toBeGreaterThan(0);
    expect(value(first, SERIES.cacheConnectedClients, { cache: 'shop-cache', node: primaryNode })).toBeGreaterThanOrEqual(2);
    expect(first.samples.filter((s) => s.metric === SERIES.cacheEvictionsPerSecond || s.metric === SERIES.cacheHitRatio)).toEqual([]);
  });

  it('measures eviction rate and hit ratio under a generated load', async () => {
    const value512 = 'v'.repeat(512);
    for (let batch = 0; batch < 20; batch++) {
      const pipe = primary.pipeline();
      for (let i = 0; i < 1000; i++) pipe.set(`fill:${batch}:${i}`, value512);
      await pipe.exec();
    }
    const hot = primary.pipeline();
    for (let i = 0; i < 500; i++) hot.set(`hot:${i}`, 'x');
    await hot.exec();
    const reads = primary.pipeline();
    for (let round = 0; round < 3; round++) for (let i = 0; i < 500; i++) reads.get(`hot:${i}`);
    for (let i = 0; i < 500; i++) reads.get(`absent:${i}`);
    await reads.exec();
    const second = await collect(state);
    // 20 000 values of 512 bytes into 4 MiB: most of them were evicted in this window.
    expect(value(second, SERIES.cacheEvictionsPerSecond, { cache: 'shop-cache' })).toBeGreaterThan(100);
    // 1500 hits and 500 misses: 0.75, give or take a hot key the approximate LRU evicted.
    const ratio = value(second, SERIES.cacheHitRatio, { cache: 'shop-cache' })!;
    expect(ratio).toBeGreaterThan(0.7);
    expect(ratio).toBeLessThanOrEqual(0.75);
    expect(second.samples.filter((s) => s.metric === SERIES.cacheRoleChange)).toEqual([]);
  });

  it('records a failover (replica promoted with REPLICAOF NO ONE) as a role-change event', async () => {
    await replica.call('REPLICAOF', 'NO', 'ONE');
    const after = await collect(state);
    expect(after.samples).toContainEqual({
      metric: SERIES.cacheRoleChange,
      labels: { cache: 'shop-cache', node: replicaNode, from: 'replica', to: 'primary' },
      value: 1,
    });
    expect(value(after, SERIES.cacheNodeIsPrimary, { cache: 'shop-cache', node: replicaNode })).toBe(1);
    expect(after.notes).toContain(`node ${replicaNode} changed role from replica to primary (failover)`);
    expect(after.notes).toContain('2 nodes answer as primary, expected 1');
    // The event is reported once, on the run that saw it.
    const later = await collect(state);
    expect(later.samples.filter((s) => s.metric === SERIES.cacheRoleChange)).toEqual([]);
  });

  it('notes a node that does not answer, and fails the run (unknown, not 0) when none does', async () => {
    await stopRedis(REPLICA);
    const partial = await collect(state);
    expect(partial.notes?.some((n) => n.startsWith(`node ${replicaNode} did not answer`))).toBe(true);
    expect(value(partial, SERIES.cacheNodesUpRatio, { cache: 'shop-cache' })).toBe(0.5);
    expect(partial.samples.filter((s) => s.labels.node === replicaNode)).toEqual([]);
    await stopRedis(PRIMARY);
    const error = await collect(state).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TruthflowError);
    expect((error as TruthflowError).kind).toBe('network');
  });
});
