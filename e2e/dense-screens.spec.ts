// The screens an incident room lives on, at 1920×1080 with 20 features × 3 SLOs seeded into the
// store: the overview's SLO table and the wall show all 60 SLOs without vertical scrolling, every
// non-ok SLO names its cause hop, an all-ok tier is one line, and a wall that cannot hold
// everything rotates through numbered pages. Screenshots of both go in docs/screenshots/.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { WALL_REFRESH_MS } from '@/components/wall/useWall';
import { overviewSchema } from '@/lib/views/overview/schema';
import { allOk, allUnknown, EARLIER_STALL, FAULTS, someFaults } from './fixtures/dense-scenarios';
import { expect, test } from './fixtures/dense-app';
import { FeaturePage } from './pages/FeaturePage';
import { OverviewPage } from './pages/OverviewPage';
import { WallPage } from './pages/WallPage';

test.use({ viewport: { width: 1920, height: 1080 } });

const SCREENSHOTS = path.join(process.cwd(), 'docs', 'screenshots');
const shoot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });

const faultRefs = Object.keys(FAULTS).map((key) => {
  const [feature, slo] = key.split('/') as [string, string];
  return { feature, slo, hop: FAULTS[key]!.cause(new Date()).hop };
});

test('overview: 60 SLO rows fit one 1920×1080 screen, each fault naming its cause hop with a link to its stage page', async ({
  page,
  denseApp,
}) => {
  await denseApp.useScenario(someFaults);
  const overview = new OverviewPage(page, denseApp.baseUrl);
  await overview.open();

  await expect(overview.sloRows()).toHaveCount(denseApp.sloCount);
  for (const { feature, slo, hop } of faultRefs) {
    await expect(overview.sloStatus(feature, slo)).not.toHaveAttribute('data-status', 'ok');
    await expect(overview.cause(feature, slo)).toContainText(hop.name);
  }
  // Only the faults are red or unknown: everything else is ok and says no cause.
  await expect(overview.notOkStatuses()).toHaveCount(faultRefs.length);
  await expect(overview.causes()).toHaveCount(faultRefs.length);
  await expect(overview.cause('analytics', 'loaded-within-15-minutes')).toHaveCount(0);

  // The whole SLO table is inside the viewport (the scrape table may follow below the fold).
  const box = await overview.sloTables().boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(1080);
  await shoot(page, 'overview-dense');

  // The cause hop links to its stage page: a stalled consumer to its group's lag page.
  await expect(overview.causeLink('search', 'visible-within-2-minutes')).toHaveAttribute('href', '/lag/events/search-indexer');
  await expect(overview.causeLink('checkout', 'outbox-publishes-within-30s')).toHaveAttribute('href', '/outbox');
  await expect(overview.causeLink('reviews', 'no-dead-letters')).toHaveAttribute('href', '/dlq');
  // Burn-pair tables are on the feature page; the row shows the worst pair: 6h/30m burn 7× and 8×
  // against its 6×, further past its threshold than 1h/5m's 16× and 20× against 14.4×.
  await expect(overview.burnPair('checkout', 'outbox-publishes-within-30s', 'page-6h-30m')).toContainText('7.00×/8.00× ≥ 6.00×');
  await expect(overview.burnPairTables()).toHaveCount(0);

  const body = overviewSchema.parse(await (await page.request.get(`${denseApp.baseUrl}/api/overview`)).json());
  expect(body.features.flatMap((f) => f.slos).filter((s) => s.cause !== null)).toHaveLength(faultRefs.length);
});

test('wall: 60 SLOs on one screen, faults first with their causes, an all-ok tier in one line; a selection survives reload', async ({
  page,
  denseApp,
}) => {
  const wall = new WallPage(page, denseApp.baseUrl);

  // All ok: one line per tier, nothing else to read.
  await denseApp.useScenario(allOk);
  await wall.open();
  for (const tier of [0, 1, 2]) await expect(wall.allOkTier(tier)).toBeVisible();
  await expect(wall.allOkTier(0)).toContainText('Tier 0 · 18 SLOs ok');
  await expect(wall.allOkTier(1)).toContainText('Tier 1 · 24 SLOs ok');
  await expect(wall.tiles()).toHaveCount(0);
  expect(await wall.scrollsVertically()).toBe(false);

  // A few faults: their features first in their tier, each cause naming its hop; Tier 2 stays one line.
  await denseApp.useScenario(someFaults);
  await expect(wall.cause('checkout', 'outbox-publishes-within-30s')).toContainText('orders-outbox', { timeout: 2 * WALL_REFRESH_MS });
  for (const { feature, slo, hop } of faultRefs) await expect(wall.cause(feature, slo)).toContainText(hop.name);
  await expect(wall.allOkTier(2)).toContainText('Tier 2 · 18 SLOs ok');
  await expect(wall.allOkTier(0)).toHaveCount(0);
  const order = await wall.featureOrder();
  // checkout (breached) before payments (at risk) before the all-ok features of Tier 0.
  expect(order.slice(0, 2)).toEqual(['checkout', 'payments']);
  expect(order).toHaveLength(20);
  await expect(wall.pageNumber()).toHaveCount(0);
  await expect(wall.interactiveElements()).toHaveCount(0);
  expect(await wall.scrollsVertically()).toBe(false);
  await shoot(page, 'wall-dense');

  // A team's wall: the URL picks tiers and features, and a reload keeps them.
  await wall.open('?tier=0,1&feature=checkout,search,reviews,analytics');
  await expect(wall.features).toHaveCount(3);
  await page.reload();
  await expect(wall.features).toHaveCount(3);
  expect(await wall.featureOrder()).toEqual(['checkout', 'reviews', 'search']);
  await expect(wall.cause('search', 'visible-within-2-minutes')).toContainText('search-indexer stalled on order-events');
  expect(await wall.scrollsVertically()).toBe(false);
  await shoot(page, 'wall-fault');
});

test('wall: when 60 unknowns cannot fit one screen it rotates through numbered pages, never scrolling', async ({ page, denseApp }) => {
  await denseApp.useScenario(allUnknown);
  const wall = new WallPage(page, denseApp.baseUrl);
  await wall.open();
  await expect(wall.pageNumber()).toHaveText(/^page 1\/\d$/, { timeout: 2 * WALL_REFRESH_MS });
  const pages = Number((await wall.pageNumber().textContent())!.split('/')[1]);
  expect(pages).toBeGreaterThan(1);
  expect(await wall.scrollsVertically()).toBe(false);
  const onFirst = await wall.shownFeatureOrder();
  expect(onFirst.length).toBeGreaterThan(0);
  expect(onFirst.length).toBeLessThan(20);
  // Every feature is on some page: the hidden pages hold the rest.
  expect(await wall.featureOrder()).toHaveLength(20);
  await expect(wall.pageNumber()).toHaveText(`page 2/${pages}`, { timeout: 20_000 });
  expect(await wall.scrollsVertically()).toBe(false);
  expect(await wall.shownFeatureOrder()).not.toEqual(onFirst);
});

test('feature page: the cause on the SLO card, the cause hop outlined, burn pairs, and the incident timeline', async ({
  page,
  denseApp,
}) => {
  await denseApp.useScenario(someFaults, [EARLIER_STALL]);
  const feature = new FeaturePage(page, denseApp.baseUrl);
  await feature.open('search');
  await expect(feature.cause('visible-within-2-minutes')).toContainText('consumer search-indexer', { timeout: 15_000 });
  await expect(feature.cause('visible-within-2-minutes')).toContainText(/since \d\d:\d\d:\d\d/);
  await expect(feature.cause('indexing-accepted')).toHaveCount(0);
  await expect(feature.causeHop()).toHaveCount(1);
  await expect(feature.causeHop()).toHaveAttribute('data-name', 'search-indexer');
  await expect(feature.causeHop()).toContainText('cause of visible-within-2-minutes');
  await expect(feature.burnPair('visible-within-2-minutes', 'page-1h-5m')).toContainText('≥ 14.4×');
  await expect(feature.timelineRow('consumer', 'search-indexer')).toBeVisible();
  await expect(feature.timelineRow('index', 'orders')).toBeVisible();
  // The stall now (still going) and an earlier one that ended, each a bar with its signal word.
  await expect(feature.timelineEpisodes('consumer', 'search-indexer')).toHaveCount(2);
  await expect(feature.timelineEpisodes('consumer', 'search-indexer').last()).toHaveAttribute('data-ongoing', 'true');
  await expect(feature.timelineEpisodes('consumer', 'search-indexer').first()).toHaveAttribute('data-ongoing', 'false');
  await expect(feature.timelineEpisodes('consumer', 'search-indexer').first()).toContainText('stalled');
  await expect(feature.timelineEpisodes('index', 'orders')).toHaveCount(1);
});
