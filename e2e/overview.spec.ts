import { expect, test } from '@playwright/test';
import { healthReportSchema } from '@/lib/health-schema';
import { OverviewPage } from './pages/OverviewPage';

test('overview renders from the store: health, tiers and the example features', async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.open();

  await expect(overview.statusOf(overview.storeHealth)).toHaveAttribute('data-status', 'ok');
  await expect(overview.statusOf(overview.migrationsHealth)).toHaveAttribute('data-status', 'ok');
  await overview.waitForCollectors();

  // Tier 0 comes first, and the example config's checkout feature is in it.
  await expect(overview.tierSection(0)).toBeVisible();
  await expect(overview.tierSection(0).getByTestId('feature-card').first()).toHaveAttribute('data-feature', 'checkout');
  await expect(overview.featureCard('search')).toBeVisible();
  // Nothing evaluated yet: the SLOs say unknown, never ok.
  await expect(overview.statusOf(overview.featureCard('checkout')).first()).toHaveAttribute('data-status', 'unknown');
});

test('health API reports store, migrations and collector heartbeat', async ({ request }) => {
  await expect(async () => {
    const response = await request.get('/api/health');
    // The real answer parses with the response schema the route promises.
    const body = healthReportSchema.parse(await response.json());
    expect(body.store.status).toBe('ok');
    expect(body.migrations).toMatchObject({ status: 'ok', pending: [] });
    expect(body.collectors.status).toBe('ok');
    expect(body.collectors.heartbeatAgeSeconds).toBeLessThan(15);
    expect(response.status()).toBe(200);
  }).toPass({ timeout: 45_000 });
});
