// Page object for `/indexing`: specs speak in these words, never in raw locators.
import { expect, type Locator, type Page } from '@playwright/test';
import { saveScreenshot } from '../fixtures/screenshots';

export class IndexingPage {
  readonly heading: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Indexing' });
  }

  async open(): Promise<void> {
    await this.page.goto('/indexing');
    await expect(this.heading).toBeVisible();
  }

  async reload(): Promise<void> {
    await this.page.reload();
  }

  source(name: string): Locator {
    return this.page.locator(`[data-testid="search-source"][data-source="${name}"]`);
  }

  scrapeStatus(name: string): Locator {
    return this.source(name).getByTestId('scrape').locator('[data-status]');
  }

  overload(name: string): Locator {
    return this.source(name).getByTestId('overload');
  }

  badDocuments(name: string): Locator {
    return this.source(name).getByTestId('bad-documents');
  }

  overloadNow(name: string): Locator {
    return this.source(name).getByTestId('overload-now');
  }

  badDocumentsWindow(name: string): Locator {
    return this.source(name).getByTestId('bad-documents-window');
  }

  docCount(name: string, index: string): Locator {
    return this.source(name).locator(`tr[data-index="${index}"]`).getByTestId('doc-count');
  }

  async screenshot(name: string): Promise<void> {
    await saveScreenshot(this.page, name);
  }
}
