// Page object for `/orders/[orderId]` and the global lookup box: specs speak in these words.
import { expect, type Locator, type Page } from '@playwright/test';

export class OrderPage {
  readonly lookupBox: Locator;
  readonly heading: Locator;
  readonly lanes: Locator;
  readonly gapLabels: Locator;
  /** Every "first missing hop" sentence: one per expected pipeline that has a missing hop. */
  readonly missingHop: Locator;
  readonly spanDetails: Locator;
  readonly checks: Locator;
  readonly unknownOrder: Locator;

  constructor(private readonly page: Page) {
    this.lookupBox = page.getByRole('searchbox', { name: 'Order id' });
    this.heading = page.getByRole('heading', { level: 1 });
    this.lanes = page.getByTestId('lane');
    this.gapLabels = page.getByTestId('gap-label');
    this.missingHop = page.getByTestId('missing-hop');
    this.spanDetails = page.getByTestId('span-details');
    this.checks = page.getByTestId('check');
    this.unknownOrder = page.getByTestId('unknown-order');
  }

  /** From any page: "/" focuses the lookup box (once the page is interactive), type, Enter. */
  async lookUpFrom(path: string, orderId: string): Promise<void> {
    await this.page.goto(path);
    await expect(async () => {
      // Focus the document (not a field), as a reader's click would; "/" typed in a field is just text.
      await this.heading.first().click();
      await this.page.keyboard.press('/');
      await expect(this.lookupBox).toBeFocused({ timeout: 500 });
    }).toPass({ timeout: 15_000 });
    await this.page.keyboard.type(orderId);
    await this.page.keyboard.press('Enter');
    await this.page.waitForURL((url) => url.pathname === `/orders/${encodeURIComponent(orderId)}`);
    await expect(this.heading).toContainText('Order');
  }

  lane(name: string): Locator {
    return this.page.locator(`[data-testid="lane"][data-lane="${name}"]`);
  }

  async laneNames(): Promise<string[]> {
    return this.lanes.evaluateAll((els) => els.map((e) => e.getAttribute('data-lane') ?? ''));
  }

  spanBar(name: string): Locator {
    return this.page.getByTestId('span-bar').filter({ hasText: name });
  }

  check(kind: 'outbox' | 'dlq' | 'search'): Locator {
    return this.page.locator(`[data-testid="check"][data-kind="${kind}"]`);
  }

  /** The first missing-hop sentence matching `words` (an order is laid against several pipelines). */
  missingHopMatching(words: RegExp): Locator {
    return this.missingHop.filter({ hasText: words }).first();
  }
}
