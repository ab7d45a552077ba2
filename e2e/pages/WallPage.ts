// Page object for `/wall`: what someone across the room can read off the screen.
import { expect, type Locator, type Page } from '@playwright/test';
import { saveScreenshot } from '../fixtures/screenshots';

export class WallPage {
  readonly staleBanner: Locator;
  readonly lastRefresh: Locator;
  readonly features: Locator;

  constructor(
    private readonly page: Page,
    private readonly baseUrl = '',
  ) {
    // Next.js has a route announcer with role=alert too: the banner is the one that says STALE.
    this.staleBanner = page.getByRole('alert').filter({ hasText: /stale data/i });
    this.lastRefresh = page.getByTestId('last-refresh');
    this.features = page.getByTestId('wall-feature');
  }

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/wall`);
    await expect(this.lastRefresh).toBeVisible();
  }

  feature(name: string): Locator {
    return this.page.locator(`[data-testid="wall-feature"][data-feature="${name}"]`);
  }

  sloStatus(feature: string, slo: string): Locator {
    return this.feature(feature).locator(`[data-testid="wall-slo"][data-slo="${slo}"] [data-status]`);
  }

  /** The feature's statuses that are red on the wall: at risk or breached. */
  redStatuses(feature: string): Locator {
    return this.feature(feature).locator(
      '[data-testid="wall-slo"] [data-status="at_risk"], [data-testid="wall-slo"] [data-status="breached"]',
    );
  }

  /** Every status on screen that says ok: on a stale wall there must be none. */
  okStatuses(): Locator {
    return this.page.locator('[data-status="ok"]');
  }

  allStatuses(): Locator {
    return this.page.locator('[data-testid="wall-slo"] [data-status]');
  }

  /** Things a wall screen must not have: inputs, buttons, links. */
  interactiveElements(): Locator {
    return this.page.locator('input, select, textarea, button, a[href]');
  }

  async featureOrder(): Promise<string[]> {
    return this.features.evaluateAll((els) => els.map((el) => el.getAttribute('data-feature') ?? ''));
  }

  async screenshot(name: string): Promise<void> {
    await saveScreenshot(this.page, name);
  }
}
