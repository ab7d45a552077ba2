// Page object for `/`: specs speak in these words, never in raw locators.
import { expect, type Locator, type Page } from '@playwright/test';

export class OverviewPage {
  readonly heading: Locator;
  readonly storeHealth: Locator;
  readonly migrationsHealth: Locator;
  readonly collectorsHealth: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Overview' });
    this.storeHealth = page.getByTestId('health-store');
    this.migrationsHealth = page.getByTestId('health-migrations');
    this.collectorsHealth = page.getByTestId('health-collectors');
  }

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.heading).toBeVisible();
  }

  tierSection(tier: 0 | 1 | 2): Locator {
    return this.page.getByRole('region', { name: new RegExp(`^Tier ${tier} —`) });
  }

  featureCard(name: string): Locator {
    return this.page.locator(`[data-testid="feature-card"][data-feature="${name}"]`);
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
}
