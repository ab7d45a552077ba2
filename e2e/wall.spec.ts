import { WALL_REFRESH_MS } from '@/components/wall/useWall';
import { expect, test } from './fixtures/wall-app';
import { WallPage } from './pages/WallPage';

test('wall screen: Tier 0 first, nothing to click, honest unknowns while the sources are down', async ({ page, request }) => {
  const wall = new WallPage(page);
  await wall.open();

  // The collectors process starts beside the app; once its verdicts arrive the data is fresh.
  await expect(wall.staleBanner).toHaveCount(0, { timeout: 45_000 });
  await expect(wall.lastRefresh).toContainText(/\d\d:\d\d:\d\d/);
  expect(await wall.featureOrder()).toEqual(['checkout', 'search', 'analytics']);
  await expect(wall.interactiveElements()).toHaveCount(0);
  // Kafka, OpenSearch and the shop database are not running here: checkout is unknown, not ok.
  await expect(wall.sloStatus('checkout', 'outbox-publishes-within-30s')).toHaveAttribute('data-status', 'unknown');
  await expect(wall.sloStatus('checkout', 'no-dead-letters')).toHaveAttribute('data-status', 'unknown');
  await wall.screenshot('wall');

  const response = await request.get('/api/wall');
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.features[0]).toMatchObject({ name: 'checkout', tier: 0 });
  expect(body.dataStale).toBe(false);
});

test('stopping the store raises the stale banner within two refreshes and no green stays; restarting clears it', async ({ page, request, wallApp }) => {
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
