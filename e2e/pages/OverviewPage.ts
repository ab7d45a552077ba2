// Page object for `/`: specs speak in these words, never in raw locators.
import { expect, type Locator, type Page } from '@playwright/test';
import type { Tier } from '@/lib/config/schema-features';
import { saveScreenshot } from '../fixtures/screenshots';

export class OverviewPage {
  readonly heading: Locator;
  readonly storeHealth: Locator;
  readonly migrationsHealth: Locator;
  readonly collectorsHealth: Locator;
  readonly refreshNote: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Overview' });
    this.storeHealth = page.getByTestId('health-store');
    this.migrationsHealth = page.getByTestId('health-migrations');
    this.collectorsHealth = page.getByTestId('health-collectors');
    this.refreshNote = page.getByTestId('refresh-note');
  }

  async open(query = ''): Promise<void> {
    await this.page.goto(`/${query}`);
    await expect(this.heading).toBeVisible();
  }

  tierSection(tier: Tier): Locator {
    return this.page.getByRole('region', { name: new RegExp(`^Tier ${tier} —`) });
  }

  tierFilter(label: 'All tiers' | `Tier ${Tier}`): Locator {
    return this.page.getByRole('navigation', { name: 'Filter by tier' }).getByRole('link', { name: label, exact: true });
  }

  featureCard(name: string): Locator {
    return this.page.locator(`[data-testid="feature-card"][data-feature="${name}"]`);
  }

  featureLink(name: string): Locator {
    return this.featureCard(name).getByRole('link', { name, exact: true });
  }

  /** The SLO rows of a feature card (one per SLO). */
  slo(feature: string, slo: string): Locator {
    return this.featureCard(feature).locator(`[data-testid="slo"][data-slo="${slo}"]`);
  }

  /** The feature's SLO statuses that are red: at risk or breached. */
  redStatuses(feature: string): Locator {
    return this.featureCard(feature).locator(
      '[data-testid="slo-status"][data-status="at_risk"], [data-testid="slo-status"][data-status="breached"]',
    );
  }

  sloStatuses(feature: string): Locator {
    return this.featureCard(feature).getByTestId('slo-status');
  }

  sloStatus(feature: string, slo: string): Locator {
    return this.slo(feature, slo).getByTestId('slo-status');
  }

  burnPair(feature: string, slo: string, rule: string): Locator {
    return this.slo(feature, slo).locator(`[data-testid="burn-pair"][data-rule="${rule}"]`);
  }

  sparkline(feature: string, slo: string): Locator {
    return this.slo(feature, slo).getByTestId('sparkline');
  }

  statusOf(panel: Locator): Locator {
    return panel.locator('[data-status]');
  }

  /** Reloads until the collectors' heartbeat shows up (the collectors process starts beside the app). */
  async waitForCollectors(): Promise<void> {
    await expect(async () => {
      await this.page.reload();
      await expect(this.statusOf(this.collectorsHealth)).toHaveAttribute('data-status', 'ok');
    }).toPass({ timeout: 45_000 });
  }

  async screenshot(name: string): Promise<void> {
    await saveScreenshot(this.page, name);
  }
}
