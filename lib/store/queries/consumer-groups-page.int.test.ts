// The groups page's reads against a real PostgreSQL: paging is total and stable, unknown lag sorts
// last in both directions, filters combine, and a prefix with LIKE wildcards is taken literally.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '@/lib/store/migrate';
import { createScratchDatabase, type ScratchDatabase } from '@/e2e/fixtures/scratch-db';

let db: ScratchDatabase;
let q: typeof import('./consumer-snapshots');

const group = (groupId: string, lagMessages: number | null, verdict = 'OK', lagSeconds: number | null = lagMessages) => ({
  groupId,
  state: 'Stable',
  members: 1,
  topics: ['t'],
  lagMessages,
  lagSeconds,
  verdict,
  worstPartition: null,
  windowComplete: 1,
});
const ids = (page: { groups: { groupId: string }[] }) => page.groups.map((g) => g.groupId);
const base = { cluster: 'c1', sort: 'lag', dir: 'desc', page: 1, pageSize: 100 } as const;

beforeAll(async () => {
  db = await createScratchDatabase('groups_page');
  await migrate(db.url);
  process.env.DATABASE_URL = db.url;
  q = await import('./consumer-snapshots');
  const at = new Date();
  await q.replaceConsumerSnapshot(
    'c1',
    [
      group('a', 5),
      group('b', null, 'unknown'),
      group('c', 500, 'ERR'),
      group('d', 50, 'WARN'),
      group('e', 0),
      group('x%_1', 7),
      group('xy', 8),
    ],
    [],
    at,
  );
  await q.replaceConsumerSnapshot('c2', [group('a', 1000, 'ERR')], [], at);
});

afterAll(async () => {
  const { closeStorePool } = await import('@/lib/store/pool');
  await closeStorePool();
  await db?.drop();
});

describe('listConsumerGroups', () => {
  it('sorts by lag with unknown last, in both directions', async () => {
    expect(ids(await q.listConsumerGroups(base))).toEqual(['c', 'd', 'xy', 'x%_1', 'a', 'e', 'b']);
    expect(ids(await q.listConsumerGroups({ ...base, dir: 'asc' }))).toEqual(['e', 'a', 'x%_1', 'xy', 'd', 'c', 'b']);
  });

  it('sorts by verdict worst first, then by lag', async () => {
    expect(ids(await q.listConsumerGroups({ ...base, sort: 'verdict' }))).toEqual(['c', 'd', 'xy', 'x%_1', 'a', 'e', 'b']);
  });

  it('pages through every group exactly once', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 4; page++)
      seen.push(...ids(await q.listConsumerGroups({ ...base, sort: 'group', dir: 'asc', page, pageSize: 2 })));
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it('counts per verdict for the cluster and prefix, and totals what the verdict filter keeps', async () => {
    const page = await q.listConsumerGroups({ ...base, verdict: 'ERR' });
    expect(ids(page)).toEqual(['c']);
    expect(page.total).toBe(1);
    expect(page.verdictCounts).toEqual({ OK: 4, WARN: 1, ERR: 1, unknown: 1 });
  });

  it('takes the prefix literally (no LIKE wildcards) and spans clusters without a cluster filter', async () => {
    expect(ids(await q.listConsumerGroups({ ...base, prefix: 'x%' }))).toEqual(['x%_1']);
    const all = await q.listConsumerGroups({ ...base, cluster: undefined, prefix: 'a' });
    expect(all.groups.map((g) => `${g.cluster}/${g.groupId}`)).toEqual(['c2/a', 'c1/a']);
  });

  it('caps the page size', async () => {
    const page = await q.listConsumerGroups({ ...base, pageSize: 10_000 });
    expect(page.groups.length).toBeLessThanOrEqual(q.MAX_GROUP_PAGE_SIZE);
  });

  it('lists clusters with their snapshot size', async () => {
    expect((await q.listSnapshotClusters()).map((c) => [c.cluster, c.groups])).toEqual([
      ['c1', 7],
      ['c2', 1],
    ]);
  });
});
