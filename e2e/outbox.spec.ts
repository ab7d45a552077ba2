// /outbox against the built app. The shop database does not exist in e2e, so the outbox collector
// fails: the page must say so in words and show every figure as unknown — never as 0.
import { expect, test } from '@playwright/test';
import { outboxDataSchema } from '@/lib/views/outbox/schema';
import { OutboxPage } from './pages/OutboxPage';

const OUTBOX = 'orders-outbox';

test('outbox page: a failing scrape shows unknown figures and says why', async ({ page }) => {
  const outbox = new OutboxPage(page);
  await outbox.open();
  await expect(outbox.panel(OUTBOX)).toBeVisible();
  await expect(async () => {
    await outbox.reload();
    await expect(outbox.scrapeStatus(OUTBOX)).toHaveAttribute('data-status', 'failing');
  }).toPass({ timeout: 30_000 });
  await expect(outbox.scrape(OUTBOX)).toContainText('could not connect');
  for (const figure of ['unsent-rows', 'oldest-age', 'published-rate'] as const) {
    await expect(outbox.figure(OUTBOX, figure)).toHaveAttribute('data-known', 'false');
    await expect(outbox.figure(OUTBOX, figure)).toContainText('unknown');
  }
  await expect(outbox.byTypeEmpty(OUTBOX)).toContainText('Unknown');
  await outbox.screenshot('outbox');
});

test('outbox API: unknown is null, and a stray parameter is a 400', async ({ request }) => {
  const res = await request.get('/api/outbox');
  expect(res.status()).toBe(200);
  // The real answer parses with the response schema the route promises.
  const [first] = outboxDataSchema.parse(await res.json()).outboxes;
  expect(first).toMatchObject({ name: OUTBOX, layout: 'marked-sent', unsentRows: { value: null } });
  const bad = await request.get('/api/outbox?outbox=x');
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatchObject({ code: 'bad_request', message: expect.stringContaining('outbox') });
});
