// /indexing against the built app: overload (429, node stats) and bad documents (400, DLQ error
// classes) side by side, each naming where its number comes from. OpenSearch may or may not run
// in e2e; when the collector fails, the figures are unknown, never 0.
import { expect, test } from '@playwright/test';
import { indexingDataSchema } from '@/lib/views/indexing/schema';
import { IndexingPage } from './pages/IndexingPage';

const SOURCE = 'search';

test('indexing page: overload vs bad documents, honest when the source is down', async ({ page }) => {
  const indexing = new IndexingPage(page);
  await indexing.open();
  await expect(indexing.source(SOURCE)).toBeVisible();
  await expect(indexing.overload(SOURCE)).toContainText('HTTP 429');
  await expect(indexing.overload(SOURCE)).toContainText('node stats');
  await expect(indexing.badDocuments(SOURCE)).toContainText('HTTP 400');
  await expect(indexing.badDocuments(SOURCE)).toContainText('search-dlq');

  await expect(async () => {
    await indexing.reload();
    await expect(indexing.scrapeStatus(SOURCE)).not.toHaveAttribute('data-status', 'unknown');
  }).toPass({ timeout: 30_000 });
  if ((await indexing.scrapeStatus(SOURCE).getAttribute('data-status')) === 'failing') {
    await expect(indexing.overloadNow(SOURCE)).toHaveAttribute('data-known', 'false');
    await expect(indexing.overloadNow(SOURCE)).toContainText('unknown');
    await expect(indexing.docCount(SOURCE, 'orders')).toHaveAttribute('data-known', 'false');
  }
  // A number is a number, or it says unknown: never an empty cell that reads as 0.
  await expect(indexing.badDocumentsWindow(SOURCE)).toHaveText(/unknown|\d+ dead-lettered/);
  await indexing.screenshot('indexing');
});

test('indexing API: per source, and a stray parameter is a 400', async ({ request }) => {
  const res = await request.get('/api/indexing');
  expect(res.status()).toBe(200);
  // The real answer parses with the response schema the route promises.
  const [source] = indexingDataSchema.parse(await res.json()).sources;
  expect(source).toMatchObject({ source: SOURCE, badDocuments: { dlqs: ['search-dlq'] } });
  expect((await request.get('/api/indexing?source=x')).status()).toBe(400);
});
