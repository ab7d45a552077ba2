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

  constructor(
    private readonly page: Page,
    private readonly baseUrl = '',
  ) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Overview' });
    this.storeHealth = page.getByTestId('health-store');
    this.migrationsHealth = page.getByTestId('health-migrations');
    this.collectorsHealth = page.getByTestId('health-collectors');
    this.refreshNote = page.getByTestId('refresh-note');
  }

  async open(query = ''): Promise<void> {
    await this.page.goto(`${this.baseUrl}/${query}`);
    await expect(this.heading).toBeVisible();
  }

  tierSection(tier: Tier): Locator {
    return this.page.getByRole('region', { name: new RegExp(`^Tier ${tier} —`) });
  }

  tierFilter(label: 'All tiers' | `Tier ${Tier}`): Locator {
    return this.page.getByRole('navigation', { name: 'Filter by tier' }).getByRole('link', { name: label, exact: true });
  }

  /** A feature's rows in its tier's SLO table (one tbody per feature, one row per SLO). */
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

  /** Why the SLO is not ok, naming its hop (none when ok). */
  cause(feature: string, slo: string): Locator {
    return this.slo(feature, slo).getByTestId('cause');
  }

  /** The link from the cause to the hop's stage page. */
  causeLink(feature: string, slo: string): Locator {
    return this.cause(feature, slo).getByRole('link');
  }

  /** Every SLO row on the page. */
  sloRows(): Locator {
    return this.page.getByTestId('slo');
  }

  /** Every status on the page that is not ok (at risk, breached, unknown). */
  notOkStatuses(): Locator {
    return this.page.locator('[data-testid="slo-status"]:not([data-status="ok"])');
  }

  /** Every cause on the page: one per non-ok SLO, none for an ok one. */
  causes(): Locator {
    return this.sloRows().getByTestId('cause');
  }

  /** Full burn-pair tables: they belong on the feature page, not here. */
  burnPairTables(): Locator {
    return this.page.getByTestId('burn-pairs');
  }

  /** Every SLO table (one per tier): together they must fit the screen. */
  sloTables(): Locator {
    return this.page.getByTestId('slo-tables');
  }

  /** The row's one burn pair: the worst of the four (the full tables are on the feature page). */
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
