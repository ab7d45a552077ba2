// Page object for `/dlq`: specs speak in these words, never in raw locators.
import { expect, type Locator, type Page } from '@playwright/test';
import { saveScreenshot } from '../fixtures/screenshots';

export type DlqFigure = 'depth' | 'inflow' | 'newest-age' | 'oldest-age';

export class DlqPage {
  readonly heading: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Dead-letter queues' });
  }

  async open(): Promise<void> {
    await this.page.goto('/dlq');
    await expect(this.heading).toBeVisible();
  }

  async reload(): Promise<void> {
    await this.page.reload();
  }

  panel(dlq: string): Locator {
    return this.page.locator(`[data-testid="dlq"][data-dlq="${dlq}"]`);
  }

  scrapeStatus(dlq: string): Locator {
    return this.panel(dlq).getByTestId('scrape').locator('[data-status]');
  }

  figure(dlq: string, which: DlqFigure): Locator {
    return this.panel(dlq).getByTestId(which);
  }

  errorClasses(dlq: string): Locator {
    return this.panel(dlq).getByTestId('error-classes');
  }

  errorClassesEmpty(dlq: string): Locator {
    return this.panel(dlq).getByTestId('error-classes-empty');
  }

  peekButton(dlq: string): Locator {
    return this.panel(dlq).getByTestId('peek-button');
  }

  /** What a peek ended with: the messages' summary, or the error in words. */
  peekOutcome(dlq: string): Locator {
    return this.panel(dlq).getByTestId('peek-summary').or(this.panel(dlq).getByTestId('peek-error'));
  }

  peekNotAllowed(dlq: string): Locator {
    return this.panel(dlq).getByTestId('peek-not-allowed');
  }

  async screenshot(name: string): Promise<void> {
    await saveScreenshot(this.page, name);
  }
}
