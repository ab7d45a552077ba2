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

  /** `query` selects tiers and features, e.g. `?tier=0,1&feature=checkout`. */
  async open(query = ''): Promise<void> {
    await this.page.goto(`${this.baseUrl}/wall${query}`);
    await expect(this.lastRefresh).toBeVisible();
  }

  feature(name: string): Locator {
    return this.page.locator(`[data-testid="wall-feature"][data-feature="${name}"]`);
  }

  sloStatus(feature: string, slo: string): Locator {
    return this.feature(feature).locator(`[data-testid="wall-slo"][data-slo="${slo}"] [data-status]`);
  }

  /** The cause of a non-ok SLO in large text, naming its hop. */
  cause(feature: string, slo: string): Locator {
    return this.feature(feature).locator(`[data-testid="wall-slo"][data-slo="${slo}"] [data-testid="cause"]`);
  }

  /** Features drawn as tiles (those with a non-ok SLO); all-ok features are chips or a tier line. */
  tiles(): Locator {
    return this.page.locator('[data-testid="wall-feature"].wall-tile');
  }

  /** Whether the page is taller than the screen: a wall must never need scrolling. */
  async scrollsVertically(): Promise<boolean> {
    return this.page.evaluate(() => (document.scrollingElement?.scrollHeight ?? document.body.scrollHeight) > window.innerHeight);
  }

  /** The one line a tier gets when all its SLOs are ok ("Tier 1 · 7 SLOs ok"). */
  allOkTier(tier: number): Locator {
    return this.page.locator(`[data-testid="wall-tier-ok"][data-tier="${tier}"]`);
  }

  /** "page 2/3" when the wall rotates through pages; absent when one page holds everything. */
  pageNumber(): Locator {
    return this.page.getByTestId('wall-page');
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

  /** The features on the page now on show (the other pages of a rotating wall are hidden). */
  async shownFeatureOrder(): Promise<string[]> {
    return this.page
      .locator('[data-testid="wall-feature"]:visible')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-feature') ?? ''));
  }

  async featureOrder(): Promise<string[]> {
    return this.features.evaluateAll((els) => els.map((el) => el.getAttribute('data-feature') ?? ''));
  }

  async screenshot(name: string): Promise<void> {
    await saveScreenshot(this.page, name);
  }
}
