// The lag snapshot writer (delete the shard's rows, COPY the new ones) against a real PostgreSQL:
// whatever a group id holds comes back as written, unknown stays NULL, a shard's rewrite leaves
// other shards alone, and two writers of one shard at once both finish, the later one winning.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '@/lib/store/migrate';
import { createScratchDatabase, type ScratchDatabase } from '@/e2e/fixtures/scratch-db';
import type { ConsumerGroupRow, ConsumerPartitionRow } from './consumer-snapshot-write';

let db: ScratchDatabase;
let q: typeof import('./consumer-snapshots');

const group = (groupId: string, extra: Partial<ConsumerGroupRow> = {}): ConsumerGroupRow => ({
  groupId,
  state: 'Stable',
  members: 1,
  topics: ['orders'],
  lagMessages: 3,
  lagSeconds: 1.25,
  verdict: 'OK',
  worstPartition: null,
  windowComplete: 0.5,
  ...extra,
});
const partition = (groupId: string, extra: Partial<ConsumerPartitionRow> = {}): ConsumerPartitionRow => ({
  groupId,
  topic: 'orders',
  partition: 0,
  committedOffset: 7,
  endOffset: 10,
  lagMessages: 3,
  lagSeconds: 1.25,
  lagSecondsKind: 'interpolated',
  verdict: 'OK',
  ...extra,
});

beforeAll(async () => {
  db = await createScratchDatabase('snapshot_write');
  await migrate(db.url);
  process.env.DATABASE_URL = db.url;
  q = await import('./consumer-snapshots');
});

afterAll(async () => {
  const { closeStorePool } = await import('../pool');
  await closeStorePool();
  await db.drop();
});

describe('replaceConsumerSnapshot', () => {
  it('round-trips group ids with tabs, newlines, backslashes and \\N, a topic named NULL, and NULLs', async () => {
    const odd = 'g\t1\nline\\two\r\\N';
    const at = new Date('2026-11-30T01:00:00.123Z');
    const groups = [
      group(odd, { topics: ['NULL', 'a.b-c_d'], worstPartition: 'NULL[0]', lagSeconds: 1e-7 }),
      group('unknown', { topics: [], lagMessages: null, lagSeconds: null, windowComplete: null, verdict: 'unknown' }),
    ];
    const partitions = [
      partition(odd, { topic: 'NULL', committedOffset: 9_007_199_254_740_000, endOffset: 9_007_199_254_740_991, lagMessages: 991 }),
      partition('unknown', { committedOffset: null, lagMessages: null, lagSeconds: null, lagSecondsKind: null, verdict: 'unknown' }),
    ];
    await q.replaceConsumerSnapshot('w1', groups, partitions, at);
    const stored = await q.readConsumerSnapshot('w1');
    expect(stored.groups).toEqual(
      [...groups].sort((a, b) => (a.groupId < b.groupId ? -1 : 1)).map((g) => ({ ...g, cluster: 'w1', updatedAt: at })),
    );
    expect(stored.partitions).toEqual(
      [...partitions].sort((a, b) => (a.groupId < b.groupId ? -1 : 1)).map((p) => ({ ...p, updatedAt: at })),
    );
  });

  it('replaces one shard’s rows, vanished groups included, and leaves the other shard’s', async () => {
    const t = (s: number) => new Date(Date.UTC(2026, 10, 30, 1, 0, s));
    await q.replaceConsumerSnapshot('w2', [group('a'), group('b')], [partition('a'), partition('b')], t(0), { index: 0, count: 2 });
    await q.replaceConsumerSnapshot('w2', [group('c')], [partition('c')], t(1), { index: 1, count: 2 });
    await q.replaceConsumerSnapshot('w2', [group('a', { lagMessages: 9 })], [partition('a', { lagMessages: 9 })], t(2), {
      index: 0,
      count: 2,
    });
    const stored = await q.readConsumerSnapshot('w2');
    expect(stored.groups.map((g) => [g.groupId, g.lagMessages, g.updatedAt])).toEqual([
      ['a', 9, t(2)],
      ['c', 3, t(1)],
    ]);
    expect(stored.partitions.map((p) => [p.groupId, p.lagMessages])).toEqual([
      ['a', 9],
      ['c', 3],
    ]);
  });

  it('keeps a group’s partitions with it, in topic then partition order, and refuses a partition of no group', async () => {
    const at = new Date('2026-11-30T02:00:00Z');
    const scrambled = [
      partition('g', { topic: 'payments', partition: 1, lagMessages: 4 }),
      partition('g', { topic: 'orders', partition: 10 }),
      partition('g', { topic: 'orders', partition: 2, committedOffset: null, lagMessages: null, lagSecondsKind: 'exact' }),
      partition('h', { topic: 'orders', partition: 0 }),
    ];
    await q.replaceConsumerSnapshot('w4', [group('g'), group('h'), group('empty', { topics: [] })], scrambled, at);
    const stored = await q.readConsumerSnapshot('w4', 'g');
    expect(stored.partitions.map((p) => [p.topic, p.partition, p.committedOffset, p.lagMessages, p.lagSecondsKind])).toEqual([
      ['orders', 2, null, null, 'exact'],
      ['orders', 10, 7, 3, 'interpolated'],
      ['payments', 1, 7, 4, 'interpolated'],
    ]);
    expect((await q.readConsumerSnapshot('w4', 'empty')).partitions).toEqual([]);

    await expect(q.replaceConsumerSnapshot('w4', [group('g')], [partition('stray')], at)).rejects.toThrow(
      /partition orders\[0\] names group stray, which is not in it/,
    );
    // Refused before anything was written: the earlier snapshot is whole.
    expect((await q.readConsumerSnapshot('w4')).groups.map((g) => g.groupId)).toEqual(['empty', 'g', 'h']);
  });

  it('lets two writers of one shard finish one after the other instead of colliding on keys', async () => {
    const rows = (lag: number) => Array.from({ length: 2_000 }, (_, i) => group(`g${i}`, { lagMessages: lag }));
    const parts = (lag: number) => Array.from({ length: 2_000 }, (_, i) => partition(`g${i}`, { lagMessages: lag }));
    await Promise.all([
      q.replaceConsumerSnapshot('w3', rows(1), parts(1), new Date(1_000)),
      q.replaceConsumerSnapshot('w3', rows(2), parts(2), new Date(2_000)),
    ]);
    const stored = await q.readConsumerSnapshot('w3');
    expect(stored.groups).toHaveLength(2_000);
    expect(stored.partitions).toHaveLength(2_000);
    // One writer's snapshot whole, never a mix of both.
    expect(new Set(stored.groups.map((g) => g.lagMessages)).size).toBe(1);
    expect(new Set(stored.partitions.map((p) => `${p.lagMessages}@${p.updatedAt.getTime()}`)).size).toBe(1);
  });
});
