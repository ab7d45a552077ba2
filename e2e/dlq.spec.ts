// /dlq against the built app. Kafka may or may not run in e2e: either the figures are measured, or
// the collector's failure is shown in words and every figure is unknown — never a 0 standing in.
import { expect, test } from '@playwright/test';
import { dlqDataSchema } from '@/lib/views/dlq/schema';
import { DlqPage, type DlqFigure } from './pages/DlqPage';

const DLQ = 'search-dlq';
const FIGURES: DlqFigure[] = ['depth', 'inflow', 'newest-age', 'oldest-age'];

test('DLQ page: figures are measured or unknown with the reason; the peek answers on demand', async ({ page }) => {
  const dlq = new DlqPage(page);
  await dlq.open();
  await expect(dlq.panel(DLQ)).toBeVisible();
  // Wait for the collector's first report, whatever it says.
  await expect(async () => {
    await dlq.reload();
    await expect(dlq.scrapeStatus(DLQ)).not.toHaveAttribute('data-status', 'unknown');
  }).toPass({ timeout: 30_000 });

  if ((await dlq.scrapeStatus(DLQ).getAttribute('data-status')) === 'failing') {
    for (const figure of FIGURES) {
      await expect(dlq.figure(DLQ, figure)).toHaveAttribute('data-known', 'false');
      await expect(dlq.figure(DLQ, figure)).toContainText('unknown');
    }
    await expect(dlq.errorClassesEmpty(DLQ)).toHaveAttribute('data-known', 'false');
  } else {
    await expect(dlq.figure(DLQ, 'depth')).toHaveAttribute('data-known', 'true');
  }
  await expect(dlq.errorClasses(DLQ)).toContainText('Error classes — last 1 h');

  // No auth section in the e2e config: everyone is an admin and may peek (the viewer's 403 is
  // covered by app/api/dlq/[dlq]/peek/route.test.ts).
  await expect(dlq.peekNotAllowed(DLQ)).toHaveCount(0);
  await dlq.peekButton(DLQ).click();
  await expect(dlq.peekOutcome(DLQ)).toBeVisible({ timeout: 30_000 });
  await dlq.screenshot('dlq');
});

test('DLQ APIs: one error shape, 404 for an unknown DLQ, 400 naming the bad parameter', async ({ request }) => {
  const res = await request.get('/api/dlq');
  expect(res.status()).toBe(200);
  // The real answer parses with the response schema the route promises (and the page polls with).
  expect(dlqDataSchema.parse(await res.json()).dlqs[0]).toMatchObject({ name: DLQ, topic: 'order-events.dlq' });

  const missing = await request.get('/api/dlq/no-such-dlq/peek');
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.code).toBe('not_found');
  const bad = await request.get(`/api/dlq/${DLQ}/peek?limit=0`);
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toMatch(/^limit: /);
});
