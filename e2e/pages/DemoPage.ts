// Page object for `/demo`, the demo shop's fault switches.
import { expect, type Locator, type Page } from '@playwright/test';

export class DemoPage {
  readonly heading: Locator;
  readonly allOff: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Demo fault switches' });
    this.allOff = page.getByTestId('faults-all-off');
  }

  async open(): Promise<void> {
    await this.page.goto('/demo');
    await expect(this.heading).toBeVisible();
  }

  fault(name: string): Locator {
    return this.page.locator(`[data-testid="fault"][data-fault="${name}"]`);
  }

  /** Flips a switch with its button and waits until the panel shows the new state. */
  async set(name: string, on: boolean): Promise<void> {
    const card = this.fault(name);
    if ((await card.getAttribute('data-on')) !== String(on)) await card.getByRole('button').click();
    // Server switches stop or start a JVM: allow for that.
    await expect(card).toHaveAttribute('data-on', String(on), { timeout: 120_000 });
  }

  async allSwitchesOff(): Promise<void> {
    await this.allOff.click();
    await expect(this.page.locator('[data-testid="fault"][data-on="true"]')).toHaveCount(0, { timeout: 180_000 });
  }
}
