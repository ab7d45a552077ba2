import { expect, test } from '@playwright/test';
import { featureSchema } from '@/lib/views/feature/schema';
import { FeaturePage } from './pages/FeaturePage';
import { OverviewPage } from './pages/OverviewPage';

const CHECKOUT_SLOS = ['outbox-publishes-within-30s', 'published-within-60s'];
const SEARCH_SLOS = ['visible-within-2-minutes', 'indexing-accepted', 'no-dead-letters'];

test('overview shows each SLO with status word, budget, burn pairs and sparkline, and links to the feature', async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.open();
  await overview.waitForCollectors();

  for (const slo of CHECKOUT_SLOS) {
    // The sources are not running in e2e: unknown, never ok, and unknown numbers say so.
    await expect(overview.sloStatus('checkout', slo)).toHaveAttribute('data-status', 'unknown');
    await expect(overview.burnPair('checkout', slo, 'page-1h-5m')).toContainText('≥ 14.4×');
    await expect(overview.sparkline('checkout', slo)).toBeVisible();
  }
  // Unknown is said as such, and why: the outbox collector cannot reach the shop database.
  await expect(overview.slo('checkout', 'published-within-60s').getByTestId('sli-now')).toContainText('unknown');
  await expect(overview.cause('checkout', 'published-within-60s')).toContainText('orders-outbox');
  await overview.screenshot('overview');

  await overview.tierFilter('Tier 1').click();
  await expect(page).toHaveURL(/\?tier=1$/);
  await expect(overview.featureCard('search')).toBeVisible();
  await expect(overview.featureCard('checkout')).toHaveCount(0);

  await overview.tierFilter('All tiers').click();
  await overview.featureLink('checkout').click();
  await expect(page).toHaveURL(/\/features\/checkout$/);
  await expect(new FeaturePage(page).heading('checkout')).toBeVisible();
});

test('feature page: truth flow from the system of record to the index, lag per hop, scrape status per stage', async ({ page }) => {
  const feature = new FeaturePage(page);
  await feature.open('search');

  for (const slo of SEARCH_SLOS) await expect(feature.sloStatus(slo)).toHaveAttribute('data-status', 'unknown');

  const flow = 'orders-to-search';
  await expect(feature.nodes(flow)).toHaveCount(5);
  expect(
    await feature.nodes(flow).evaluateAll((els) => els.map((el) => `${el.getAttribute('data-kind')}:${el.getAttribute('data-name')}`)),
  ).toEqual(['sor:shop-db', 'outbox:orders-outbox', 'consumer:search-indexer', 'dlq:search-dlq', 'index:orders']);
  // One hop into every stage, each with messages and seconds; the shop database does not exist
  // here, so the outbox hop is unknown rather than 0.
  await expect(feature.edges(flow)).toHaveCount(4);
  for (const edge of await feature.edges(flow).all()) {
    await expect(feature.edgeMessages(edge)).toBeVisible();
    await expect(feature.edgeSeconds(edge)).toBeVisible();
  }
  const outboxHop = feature.edges(flow).first();
  await expect(feature.edgeMessages(outboxHop)).toHaveAttribute('data-known', 'false');
  await expect(feature.edgeSeconds(outboxHop)).toContainText('unknown');

  // The outbox collector ran and failed: the stage says so in words.
  await expect(async () => {
    await feature.reload();
    await expect(feature.stageScrapeStatus(flow, 'outbox')).toHaveAttribute('data-status', 'failing');
  }).toPass({ timeout: 30_000 });
  await expect(feature.stageScrape(flow, 'outbox')).toContainText('could not connect');
  await expect(feature.stageScrape(flow, 'index')).toBeVisible();
  await expect(feature.alertHistory()).toContainText('No burn-rate alert');
  await feature.screenshot('feature');
});

test('feature page: the time range lives in the URL and the charts show the threshold in words', async ({ page }) => {
  const feature = new FeaturePage(page);
  await feature.open('checkout');
  await expect(feature.chartsHeading()).toHaveText('SLIs — last hour');
  await expect(feature.rangeLink('1h')).toHaveAttribute('aria-current', 'page');

  await feature.rangeLink('6h').click();
  await expect(page).toHaveURL(/\/features\/checkout\?range=6h$/);
  await expect(feature.chartsHeading()).toHaveText('SLIs — last 6 hours');
  await expect(feature.rangeLink('6h')).toHaveAttribute('aria-current', 'page');
  await expect(feature.chart('outbox-publishes-within-30s')).toContainText('threshold 30 s');

  // A shared link opens the same view; a hand-edited one falls back to the default.
  await feature.open('checkout', '7d');
  await expect(feature.chartsHeading()).toHaveText('SLIs — last 7 days');
  await page.goto('/features/checkout?range=forever');
  await expect(feature.chartsHeading()).toHaveText('SLIs — last hour');
});

test('feature API: one error shape for bad input, 404 for an unknown feature', async ({ page, request }) => {
  const ok = await request.get('/api/features/checkout?range=24h');
  expect(ok.status()).toBe(200);
  // The real answer parses with the response schema the route promises.
  const body = featureSchema.parse(await ok.json());
  expect(body).toMatchObject({ range: '24h', feature: { name: 'checkout', tier: 0 } });
  expect(body.flows[0]?.nodes[0]).toMatchObject({ kind: 'sor', name: 'shop-db' });

  const bad = await request.get('/api/features/checkout?range=forever');
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.code).toBe('bad_request');

  const missing = await request.get('/api/features/no-such-feature');
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.code).toBe('not_found');

  const feature = new FeaturePage(page);
  expect((await feature.visit('no-such-feature'))?.status()).toBe(404);
});
