// Page object for `/features/[feature]`: SLO verdicts, the truth-flow strip, SLI charts, alerts.
import { expect, type Locator, type Page, type Response } from '@playwright/test';
import type { FlowNodeKind as NodeKind } from '@/lib/views/feature/schema';
import type { RangeKey } from '@/lib/views/shared/params';
import { saveScreenshot } from '../fixtures/screenshots';

export class FeaturePage {
  constructor(
    private readonly page: Page,
    private readonly baseUrl = '',
  ) {}

  heading(feature: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: feature, exact: true });
  }

  async open(feature: string, range?: RangeKey): Promise<void> {
    await this.page.goto(`${this.baseUrl}/features/${feature}${range ? `?range=${range}` : ''}`);
    await expect(this.heading(feature)).toBeVisible();
  }

  /** For paths that are expected to fail: the navigation's response. */
  async visit(feature: string): Promise<Response | null> {
    return this.page.goto(`${this.baseUrl}/features/${feature}`);
  }

  url(): string {
    return this.page.url();
  }

  sloStatus(slo: string): Locator {
    return this.slo(slo).getByTestId('slo-status');
  }

  slo(slo: string): Locator {
    return this.page.locator(`[data-testid="slo"][data-slo="${slo}"]`);
  }

  /** The SLO card's cause: words, hop and since when (none when ok). */
  cause(slo: string): Locator {
    return this.slo(slo).getByTestId('cause');
  }

  /** The truth-flow nodes outlined as a cause hop of some non-ok SLO. */
  causeHop(): Locator {
    return this.page.locator('[data-testid="flow-node"][data-cause="true"]');
  }

  burnPair(slo: string, rule: string): Locator {
    return this.slo(slo).locator(`[data-testid="burn-pair"][data-rule="${rule}"]`);
  }

  /** The incident timeline: a row per hop, bars where a signal was seen. */
  timeline(): Locator {
    return this.page.getByTestId('incident-timeline');
  }

  /** The bars of one hop's row, each with its signal word. */
  timelineEpisodes(kind: string, name: string): Locator {
    return this.timelineRow(kind, name).getByTestId('timeline-episode');
  }

  timelineRow(kind: string, name: string): Locator {
    return this.timeline().locator(`[data-testid="timeline-hop"][data-kind="${kind}"][data-name="${name}"]`);
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
