// The groups page against the built app, on data the spec writes itself: 120 uniquely named groups
// of a uniquely named cluster, more than fit on one page. A stand-in for the kafka-lag collector
// rewrites the snapshot every few seconds (as the collector would), so it never goes stale mid-test.
import { expect, test } from '@playwright/test';
import { lagGroupDetailSchema, lagGroupsSchema } from '@/lib/views/lag/schema';
import { LagPage } from './pages/LagPage';

const RUN = Date.now().toString(36);
const CLUSTER = `e2e-lag-${RUN}`;
const GROUPS = 120;
const PAGE_SIZE = 50;
const name = (i: number) => `e2e-${RUN}-g${String(i).padStart(3, '0')}`;
/** Every 30th group never committed: its lag is unknown, which must sort last either way. */
const lagOf = (i: number) => (i % 30 === 7 ? null : i * 10);
const verdictOf = (i: number) => (lagOf(i) === null ? 'unknown' : i % 11 === 0 || i === GROUPS - 1 ? 'ERR' : 'OK');
/** Kafka allows any characters in a group id; the page must round-trip them through the URL. */
const ODD = `e2e-${RUN} odd/%group`;
const TOP = name(GROUPS - 1);
const REFRESH_MS = 4_000;

const storeUrl = () =>
  `postgresql://postgres:truthflow@127.0.0.1:${process.env.TRUTHFLOW_E2E_PG_PORT ?? process.env.TRUTHFLOW_PG_PORT ?? 54400}/truthflow`;
let timer: NodeJS.Timeout | undefined;

function snapshot() {
  const row = (groupId: string, lag: number | null, verdict: string) => ({
    groupId,
    state: 'Stable',
    members: 1,
    topics: ['e2e-orders'],
    lagMessages: lag,
    lagSeconds: lag === null ? null : lag / 10,
    verdict,
    worstPartition: lag === null ? null : 'e2e-orders[0]',
    windowComplete: 1,
  });
  const groups = [...Array.from({ length: GROUPS }, (_, i) => row(name(i), lagOf(i), verdictOf(i))), row(ODD, 3, 'WARN')];
  const partition = (groupId: string, p: number, committed: number | null, verdict: string) => ({
    groupId,
    topic: 'e2e-orders',
    partition: p,
    committedOffset: committed,
    endOffset: 2_000,
    lagMessages: committed === null ? null : 2_000 - committed,
    lagSeconds: committed === null ? null : 11.9,
    lagSecondsKind: committed === null ? null : 'interpolated',
    verdict,
  });
  return { groups, partitions: [partition(TOP, 0, 810, 'STOP'), partition(TOP, 1, null, 'unknown'), partition(ODD, 0, 1_997, 'OK')] };
}

test.beforeAll(async () => {
  process.env.DATABASE_URL = storeUrl(); // the query modules' pool, in this worker only
  const { replaceConsumerSnapshot } = await import('@/lib/store/queries/consumer-snapshots');
  const write = () => {
    const { groups, partitions } = snapshot();
    return replaceConsumerSnapshot(CLUSTER, groups, partitions, new Date());
  };
  await write();
  timer = setInterval(() => void write().catch(() => undefined), REFRESH_MS);
});

test.afterAll(async () => {
  clearInterval(timer);
  const { replaceConsumerSnapshot } = await import('@/lib/store/queries/consumer-snapshots');
  await replaceConsumerSnapshot(CLUSTER, [], [], new Date()); // removes this spec's cluster, nothing else
  const { closeStorePool } = await import('@/lib/store/pool');
  await closeStorePool();
});

test('the groups page pages through more groups than fit on one page', async ({ page }) => {
  const lag = new LagPage(page);
  await lag.open(`?cluster=${CLUSTER}&q=${encodeURIComponent(`e2e-${RUN}-g`)}`);
  expect(await lag.position()).toEqual({ page: 1, pages: 3, total: GROUPS });
  await expect(lag.rows).toHaveCount(PAGE_SIZE);

  // Biggest lag first by default; never-committed groups (unknown lag) come last, not as 0.
  await lag.screenshot('lag');
  const seen: string[] = [];
  const first = await lag.groupIds();
  expect(first[0]).toBe(TOP);
  seen.push(...first);
  await lag.nextPage();
  await expect(page).toHaveURL(/page=2/);
  await expect(lag.summary).toHaveAttribute('data-page', '2');
  seen.push(...(await lag.groupIds()));
  await lag.nextPage();
  await expect(lag.summary).toHaveAttribute('data-page', '3');
  await expect(lag.rows).toHaveCount(GROUPS - 2 * PAGE_SIZE);
  await expect(lag.nextPageLink()).toHaveCount(0);
  const last = await lag.groupIds();
  seen.push(...last);
  expect(new Set(seen).size).toBe(GROUPS); // every group exactly once across the pages

  const unknown = Array.from({ length: GROUPS }, (_, i) => i)
    .filter((i) => lagOf(i) === null)
    .map(name);
  expect(last.slice(-unknown.length).sort()).toEqual(unknown.sort());
  await expect(lag.lagMessagesOf(lag.row(unknown[0]!))).toContainText('unknown');
  await expect(lag.lagMessagesOf(lag.row(unknown[0]!))).not.toContainText(/^0$/);

  await lag.previousPage();
  await expect(lag.summary).toHaveAttribute('data-page', '2');
});

test('sorts by lag on the server, both ways, with unknown last, and opens a group', async ({ page }) => {
  const lag = new LagPage(page);
  await lag.open(`?cluster=${CLUSTER}&q=${encodeURIComponent(`e2e-${RUN}-g`)}`);
  await expect(lag.sortHeader('lag')).toHaveAttribute('aria-sort', 'descending');

  await lag.sortBy('lag');
  await expect(page).toHaveURL(/dir=asc/);
  await expect(lag.sortHeader('lag')).toHaveAttribute('aria-sort', 'ascending');
  expect((await lag.groupIds())[0]).toBe(name(0)); // lag 0 is a known lag: first when ascending
  await lag.nextPage();
  await lag.nextPage();
  await expect(lag.summary).toHaveAttribute('data-page', '3');
  expect((await lag.groupIds()).at(-1)).toBe(name(97)); // unknown still last

  await lag.sortBy('verdict');
  await expect(page).toHaveURL(/sort=verdict/);
  await expect(lag.summary).toHaveAttribute('data-page', '1');
  await expect(lag.verdictOf(lag.rows.first())).toHaveAttribute('data-verdict', 'ERR');

  await lag.sortBy('lag');
  await lag.openGroup(TOP);
  await expect(lag.groupVerdict).toHaveAttribute('data-verdict', 'ERR');
  await expect(lag.groupLagMessages).toHaveText(String(lagOf(GROUPS - 1)!.toLocaleString('en-US')));
  await expect(lag.partitionRows).toHaveCount(2);
  await expect(lag.committedOf(lag.partition('e2e-orders', 1))).toHaveText('no commit');
  await expect(lag.partition('e2e-orders', 0)).toContainText('STOP');
  await expect(lag.partition('e2e-orders', 0)).toContainText('interpolated');
  await expect(lag.chartHeading).toHaveText('Lag — last hour');
  await expect(lag.lagChart('messages')).toBeVisible();
  await lag.screenshot('lag-group');

  await lag.rangeLink('6h').click();
  await expect(page).toHaveURL(/range=6h$/);
  await expect(lag.chartHeading).toHaveText('Lag — last 6 hours');
});

test('filters live in the URL, and any group id survives the round trip', async ({ page }) => {
  const lag = new LagPage(page);
  await lag.open(`?cluster=${CLUSTER}`);
  await lag.filterByPrefix(`e2e-${RUN} odd`);
  await expect(page).toHaveURL(/q=e2e-/);
  await expect(lag.rows).toHaveCount(1);
  await lag.openGroup(ODD);
  await expect(lag.partitionRows).toHaveCount(1);

  await lag.open(`?cluster=${CLUSTER}&verdict=ERR`);
  const errs = Array.from({ length: GROUPS }, (_, i) => i).filter((i) => verdictOf(i) === 'ERR').length;
  expect((await lag.position()).total).toBe(errs);
});

test('lag APIs: one error shape naming the bad parameter, 404 for an unknown group', async ({ page, request }) => {
  const ok = await request.get(`/api/lag?cluster=${CLUSTER}&size=100&sort=group`);
  expect(ok.status()).toBe(200);
  // The real answers parse with the response schemas the routes promise.
  const body = lagGroupsSchema.parse(await ok.json());
  expect(body.groups).toHaveLength(100);
  expect(body.total).toBe(GROUPS + 1);

  for (const [query, param] of [
    ['page=0', 'page'],
    ['size=500', 'size'],
    ['sort=fastest', 'sort'],
    ['verdict=maybe', 'verdict'],
    ['colour=red', 'colour'],
  ]) {
    const bad = await request.get(`/api/lag?${query}`);
    expect(bad.status(), query).toBe(400);
    const error = (await bad.json()).error;
    expect(error.code).toBe('bad_request');
    expect(error.message).toContain(param);
  }

  const group = await request.get(`/api/lag/${CLUSTER}/${encodeURIComponent(ODD)}?range=24h`);
  expect(group.status()).toBe(200);
  expect(lagGroupDetailSchema.parse(await group.json()).group.groupId).toBe(ODD);
  const missing = await request.get(`/api/lag/${CLUSTER}/no-such-group`);
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.code).toBe('not_found');
  expect((await request.get(`/api/lag/${CLUSTER}/x?range=forever`)).status()).toBe(400);

  const lag = new LagPage(page);
  expect((await lag.visit(`/lag/${CLUSTER}/no-such-group`))?.status()).toBe(404);
});
