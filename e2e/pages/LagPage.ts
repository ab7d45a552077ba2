// Page object for `/lag` and `/lag/[cluster]/[group]`: specs speak in these words, never in raw locators.
import { expect, type Locator, type Page, type Response } from '@playwright/test';
import type { GroupSort as SortColumn } from '@/lib/sql/order';
import type { LagChart } from '@/lib/views/lag/schema';
import type { RangeKey } from '@/lib/views/shared/params';
import { saveScreenshot } from '../fixtures/screenshots';

export class LagPage {
  readonly heading: Locator;
  readonly summary: Locator;
  readonly rows: Locator;
  readonly empty: Locator;
  readonly pager: Locator;
  readonly prefixBox: Locator;
  readonly applyFilters: Locator;
  readonly groupHeading: Locator;
  readonly partitionRows: Locator;
  readonly groupVerdict: Locator;
  readonly groupLagMessages: Locator;
  readonly chartHeading: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Consumer lag' });
    this.summary = page.getByTestId('groups-summary');
    this.rows = page.getByTestId('group-row');
    this.empty = page.getByTestId('groups-empty');
    this.pager = page.getByRole('navigation', { name: 'Pages' });
    this.prefixBox = page.getByRole('searchbox', { name: 'Group id starts with' });
    this.applyFilters = page.getByRole('button', { name: 'Apply' });
    this.groupHeading = page.getByTestId('group-heading');
    this.partitionRows = page.getByTestId('partition-row');
    this.groupVerdict = page.getByTestId('group-verdict');
    this.groupLagMessages = page.getByTestId('group-lag-messages');
    this.chartHeading = page.getByTestId('chart-heading');
  }

  async open(query = ''): Promise<void> {
    await this.page.goto(`/lag${query}`);
    await expect(this.heading).toBeVisible();
  }

  /** For paths that are expected to fail: the navigation's response. */
  async visit(path: string): Promise<Response | null> {
    return this.page.goto(path);
  }

  url(): string {
    return this.page.url();
  }

  async groupIds(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-group') ?? ''));
  }

  row(groupId: string): Locator {
    return this.page.locator(`[data-testid="group-row"][data-group=${JSON.stringify(groupId)}]`);
  }

  lagMessagesOf(row: Locator): Locator {
    return row.getByTestId('lag-messages');
  }

  verdictOf(row: Locator): Locator {
    return row.getByTestId('verdict');
  }

  /** The summary's page position, e.g. { page: 2, pages: 3, total: 120 }. */
  async position(): Promise<{ page: number; pages: number; total: number }> {
    const attr = async (name: string) => Number(await this.summary.getAttribute(name));
    return { page: await attr('data-page'), pages: await attr('data-pages'), total: await attr('data-total') };
  }

  /** Follows a pager link and waits until the new page is on screen (clicks must not race navigations). */
  private async turn(label: string, by: number): Promise<void> {
    const page = Number(await this.summary.getAttribute('data-page'));
    await this.pager.getByRole('link', { name: label }).click();
    await expect(this.summary).toHaveAttribute('data-page', String(page + by));
  }

  async nextPage(): Promise<void> {
    await this.turn('Next ›', 1);
  }

  async previousPage(): Promise<void> {
    await this.turn('‹ Previous', -1);
  }

  nextPageLink(): Locator {
    return this.pager.getByRole('link', { name: 'Next ›' });
  }

  /** Clicks a column header and waits for the server's re-sorted page (aria-sort moves or flips). */
  async sortBy(column: SortColumn): Promise<void> {
    const before = await this.sortHeader(column).getAttribute('aria-sort');
    await this.page.getByTestId(`sort-${column}`).click();
    await expect(this.sortHeader(column)).not.toHaveAttribute('aria-sort', before ?? 'none');
  }

  sortHeader(column: SortColumn): Locator {
    return this.page.getByRole('columnheader').filter({ has: this.page.getByTestId(`sort-${column}`) });
  }

  async filterByPrefix(prefix: string): Promise<void> {
    await this.prefixBox.fill(prefix);
    await this.applyFilters.click();
  }

  async openGroup(groupId: string): Promise<void> {
    await this.row(groupId).getByRole('link', { name: groupId, exact: true }).click();
    await expect(this.groupHeading).toHaveText(groupId);
  }

  partition(topic: string, partition: number): Locator {
    return this.page.locator(`[data-testid="partition-row"][data-topic="${topic}"][data-partition="${partition}"]`);
  }

  committedOf(partitionRow: Locator): Locator {
    return partitionRow.getByTestId('committed');
  }

  rangeLink(range: RangeKey): Locator {
    return this.page.getByRole('navigation', { name: 'Time range' }).getByRole('link', { name: range, exact: true });
  }

  lagChart(metric: LagChart['metric']): Locator {
    return this.page.locator(`[data-testid="lag-chart"][data-metric="${metric}"]`);
  }

  async screenshot(name: string): Promise<void> {
    await saveScreenshot(this.page, name);
  }
}
