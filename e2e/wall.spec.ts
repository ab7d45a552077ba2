import { WALL_REFRESH_MS } from '@/components/wall/useWall';
import { wallSchema } from '@/lib/views/wall/schema';
import { expect, test } from './fixtures/wall-app';
import { WallPage } from './pages/WallPage';

test('wall screen: Tier 0 first, nothing to click, honest unknowns while the sources are down', async ({ page, request }) => {
  const wall = new WallPage(page);
  await wall.open();

  // The collectors process starts beside the app; once its verdicts arrive the data is fresh.
  await expect(wall.staleBanner).toHaveCount(0, { timeout: 45_000 });
  await expect(wall.lastRefresh).toContainText(/\d\d:\d\d:\d\d/);
  // Every feature is unknown here, so within a tier they stand by name.
  expect(await wall.featureOrder()).toEqual(['checkout', 'audit', 'cart', 'search', 'analytics']);
  await expect(wall.interactiveElements()).toHaveCount(0);
  // Kafka, OpenSearch and the shop database are not running here: checkout is unknown, not ok.
  await expect(wall.sloStatus('checkout', 'outbox-publishes-within-30s')).toHaveAttribute('data-status', 'unknown');
  await expect(wall.sloStatus('checkout', 'published-within-60s')).toHaveAttribute('data-status', 'unknown');
  await wall.screenshot('wall');

  const response = await request.get('/api/wall');
  expect(response.status()).toBe(200);
  // The real answer parses with the response schema the route promises.
  const body = wallSchema.parse(await response.json());
  expect(body.features[0]).toMatchObject({ name: 'checkout', tier: 0 });
  expect(body.dataStale).toBe(false);
});

test('stopping the store raises the stale banner within two refreshes and no green stays; restarting clears it', async ({
  page,
  request,
  wallApp,
}) => {
  test.setTimeout(120_000);
  const wall = new WallPage(page, wallApp.baseUrl);
  await wall.open();

  // Fresh: the stand-in evaluator keeps every verdict ok.
  await expect(wall.sloStatus('checkout', 'outbox-publishes-within-30s')).toHaveAttribute('data-status', 'ok');
  await expect(wall.staleBanner).toHaveCount(0);
  await wall.screenshot('wall-fresh');

  await wallApp.stopStore();
  await expect(wall.staleBanner).toBeVisible({ timeout: 2 * WALL_REFRESH_MS });
  await expect(wall.okStatuses()).toHaveCount(0);
  await expect(wall.allStatuses()).not.toHaveCount(0);
  for (const status of await wall.allStatuses().all()) await expect(status).toHaveAttribute('data-status', 'unknown');
  await expect(wall.lastRefresh).toContainText(/\d\d:\d\d:\d\d/);
  await wall.screenshot('wall-stale');

  // The API says why, quickly, in the one error shape.
  const asked = Date.now();
  const down = await request.get(`${wallApp.baseUrl}/api/wall`);
  expect(Date.now() - asked).toBeLessThan(3_000);
  expect(down.status()).toBe(503);
  expect((await down.json()).error).toMatchObject({ code: 'unavailable', message: expect.stringContaining('store unreachable') });

  await wallApp.startStore();
  await expect(wall.staleBanner).toHaveCount(0, { timeout: 30_000 });
  await expect(wall.sloStatus('checkout', 'outbox-publishes-within-30s')).toHaveAttribute('data-status', 'ok');
});

test('a page rendered while the store is down says "store unreachable; retrying" and recovers by itself', async ({
  page,
  request,
  wallApp,
}) => {
  test.setTimeout(120_000);
  await wallApp.stopStore();
  try {
    // The API: a 503 in the one error shape, never a 200 with empty panels.
    const api = await request.get(`${wallApp.baseUrl}/api/outbox`);
    expect(api.status()).toBe(503);
    expect((await api.json()).error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/^store unreachable: /) });
    // The page: no figures at all, the reason, and that it keeps trying.
    await page.goto(`${wallApp.baseUrl}/outbox`);
    await expect(page.getByTestId('store-down')).toContainText(/store unreachable: .+; retrying every \d+ s/);
    await expect(page.getByTestId('refresh-note')).toHaveCount(0);
  } finally {
    await wallApp.startStore();
  }
  // Without a reload: the polling hook fills the page in once the store answers.
  await expect(page.getByTestId('store-down')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByRole('heading', { name: 'Outbox', level: 1 })).toBeVisible();
  await expect(page.getByTestId('refresh-note')).toHaveAttribute('data-stale', 'false');
});
