// Page object for `/features/[feature]`: SLO verdicts, the truth-flow strip, SLI charts, alerts.
import { expect, type Locator, type Page, type Response } from '@playwright/test';
import type { FlowNodeKind as NodeKind } from '@/lib/views/feature/schema';
import type { RangeKey } from '@/lib/views/shared/params';
import { saveScreenshot } from '../fixtures/screenshots';

export class FeaturePage {
  constructor(private readonly page: Page) {}

  heading(feature: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: feature, exact: true });
  }

  async open(feature: string, range?: RangeKey): Promise<void> {
    await this.page.goto(`/features/${feature}${range ? `?range=${range}` : ''}`);
    await expect(this.heading(feature)).toBeVisible();
  }

  /** For paths that are expected to fail: the navigation's response. */
  async visit(feature: string): Promise<Response | null> {
    return this.page.goto(`/features/${feature}`);
  }

  url(): string {
    return this.page.url();
  }

  sloStatus(slo: string): Locator {
    return this.page.locator(`[data-testid="slo"][data-slo="${slo}"]`).getByTestId('slo-status');
  }

  flow(pipeline: string): Locator {
    return this.page.locator(`[data-testid="truth-flow"][data-pipeline="${pipeline}"]`);
  }

  nodes(pipeline: string): Locator {
    return this.flow(pipeline).getByTestId('flow-node');
  }

  node(pipeline: string, kind: NodeKind): Locator {
    return this.flow(pipeline).locator(`[data-testid="flow-node"][data-kind="${kind}"]`);
  }

  edges(pipeline: string): Locator {
    return this.flow(pipeline).getByTestId('flow-edge');
  }

  edgeMessages(edge: Locator): Locator {
    return edge.getByTestId('edge-messages');
  }

  edgeSeconds(edge: Locator): Locator {
    return edge.getByTestId('edge-seconds');
  }

  stageScrape(pipeline: string, kind: NodeKind): Locator {
    return this.node(pipeline, kind).getByTestId('stage-scrape');
  }

  stageScrapeStatus(pipeline: string, kind: NodeKind): Locator {
    return this.stageScrape(pipeline, kind).locator('[data-status]');
  }

  rangeLink(range: RangeKey): Locator {
    return this.page.getByRole('navigation', { name: 'Time range' }).getByRole('link', { name: range, exact: true });
  }

  chartsHeading(): Locator {
    return this.page.getByRole('heading', { level: 2, name: /^SLIs — / });
  }

  chart(slo: string): Locator {
    return this.page.locator(`[data-testid="sli-chart"][data-slo="${slo}"]`);
  }

  alertHistory(): Locator {
    return this.page.getByRole('region', { name: 'Alert history' });
  }

  async reload(): Promise<void> {
    await this.page.reload();
  }

  async screenshot(name: string): Promise<void> {
    await saveScreenshot(this.page, name);
  }
}
