// Page object for `/outbox`: specs speak in these words, never in raw locators.
import { expect, type Locator, type Page } from '@playwright/test';
import { saveScreenshot } from '../fixtures/screenshots';

export class OutboxPage {
  readonly heading: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Outbox' });
  }

  async open(): Promise<void> {
    await this.page.goto('/outbox');
    await expect(this.heading).toBeVisible();
  }

  async reload(): Promise<void> {
    await this.page.reload();
  }

  panel(outbox: string): Locator {
    return this.page.locator(`[data-testid="outbox"][data-outbox="${outbox}"]`);
  }

  scrapeStatus(outbox: string): Locator {
    return this.panel(outbox).getByTestId('scrape').locator('[data-status]');
  }

  scrape(outbox: string): Locator {
    return this.panel(outbox).getByTestId('scrape');
  }

  figure(outbox: string, which: 'unsent-rows' | 'oldest-age' | 'published-rate'): Locator {
    return this.panel(outbox).getByTestId(which);
  }

  byTypeEmpty(outbox: string): Locator {
    return this.panel(outbox).getByTestId('by-type-empty');
  }

  async screenshot(name: string): Promise<void> {
    await saveScreenshot(this.page, name);
  }
}
