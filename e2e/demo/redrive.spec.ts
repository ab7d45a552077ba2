// DLQ redrive on the demo stack: poison messages land in the DLQ; the switch goes off (the indexer
// now reads the v2 shape, demo/order-event-v2.ts); an admin dry-runs and then redrives exactly
// those dead letters from the DLQ page; they land back on order-events (read by a real consumer,
// the redrive count in their headers) and the orders appear in the search index; the audit lists
// each one; a viewer is refused. Logged-in roles need an auth section, so the admin and the viewer
// use a second app with one (fixtures/auth-app.ts) on the same store and Kafka; the demo app itself
// has no auth and serves loopback only, where its one local user is the admin.
import { randomUUID } from 'node:crypto';
import type { Consumer, KafkaMessage } from 'kafkajs';
import { FAULT_NAMES } from '@/lib/fault-switches/catalogue';
import { REDRIVE_COUNT_HEADER } from '@/lib/dlq/redrive-plan';
import { redriveAuditSchema } from '@/lib/views/dlq/redrive-schema';
import { record } from '../fixtures/detection-table';
import { expect, test, USERS } from '../fixtures/auth-app';
import { DLQ, demoKafka, dlqEndOffset } from '../fixtures/reconcile-demo';
import { orderPlacedAfter } from '../fixtures/shop-db';
import { DlqPage } from '../pages/DlqPage';
import { LoginPage } from '../pages/LoginPage';

const ORDER_TOPIC = 'order-events';
const SEARCH = 'http://127.0.0.1:19200';
/** Enough dead letters to see a batch go round, few enough to redrive in one request. */
const POISONED = 3;

async function inSearch(orderId: string): Promise<boolean> {
  const res = await fetch(`${SEARCH}/orders/_doc/${encodeURIComponent(orderId)}`);
  return res.status === 200 && ((await res.json()) as { found?: boolean }).found === true;
}

/** A consumer of order-events in a group of its own, started at the end: it sees only what comes next. */
async function watchOrderTopic(seen: KafkaMessage[]): Promise<Consumer> {
  const consumer = demoKafka('e2e-redrive-watch').consumer({ groupId: `e2e-redrive-${randomUUID().slice(0, 8)}`, maxWaitTimeInMs: 250 });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.connect();
  await consumer.subscribe({ topics: [ORDER_TOPIC], fromBeginning: false });
  await consumer.run({ eachMessage: async ({ message }) => void seen.push(message) });
  await joined;
  return consumer;
}

test('poison messages: an admin redrives them after the fix, they reach order-events and search, audited; a viewer cannot', async ({
  page,
  request,
  browser,
  authApp,
}) => {
  test.setTimeout(300_000);
  for (const name of FAULT_NAMES) await request.post('/api/demo/faults', { data: { name, on: false } });
  const seen: KafkaMessage[] = [];
  const watcher = await watchOrderTopic(seen);
  try {
    // The fault: poison messages dead-lettered by the indexer.
    const from = await dlqEndOffset();
    await request.post('/api/demo/faults', { data: { name: 'poison-message', on: true } });
    await expect.poll(dlqEndOffset, { timeout: 60_000 }).toBeGreaterThanOrEqual(from + POISONED);
    await request.post('/api/demo/faults', { data: { name: 'poison-message', on: false } });
    // Letters still on their way are written before the indexer gets to an order placed after the switch-off.
    const after = await orderPlacedAfter(new Date(Date.now() + 2_000));
    await expect.poll(() => inSearch(after), { timeout: 60_000 }).toBe(true);
    const to = await dlqEndOffset();

    // The admin: dry run of exactly that range, then the redrive it offers.
    const base = authApp.baseUrl;
    await page.goto(`${base}/login?next=%2Fdlq`);
    await new LoginPage(page).logIn('admin', USERS.admin);
    const dlq = new DlqPage(page);
    await expect(dlq.heading).toBeVisible();
    const redrive = dlq.panel(DLQ).getByTestId('redrive');
    await redrive.getByTestId('redrive-partition').fill('0');
    await redrive.getByTestId('redrive-fromOffset').fill(String(from));
    await redrive.getByTestId('redrive-toOffset').fill(String(to));
    await redrive.getByTestId('redrive-dry-run').click();
    await expect(redrive.getByTestId('redrive-summary')).toContainText('Dry run: nothing was sent');
    const plan = redrive.getByTestId('redrive-plan').locator('tbody tr');
    await expect(plan).toHaveCount(to - from);
    const keys = (await plan.locator('td:nth-child(2)').allInnerTexts()).map((k) => k.trim());
    await expect(redrive.getByTestId('redrive-send')).toHaveText(`Redrive ${to - from} messages`);
    const sentAt = Date.now();
    await redrive.getByTestId('redrive-send').click();
    await expect(redrive.getByTestId('redrive-summary')).toContainText('Redrive finished');
    await expect(plan.and(page.locator('[data-result="sent"]'))).toHaveCount(to - from);

    // Back on the original topic, key kept, count incremented; then in search.
    await expect
      .poll(
        () => keys.filter((k) => seen.some((m) => m.key?.toString() === k && m.headers?.[REDRIVE_COUNT_HEADER]?.toString() === '1')).length,
        {
          timeout: 60_000,
        },
      )
      .toBe(keys.length);
    await expect.poll(async () => (await Promise.all(keys.map(inSearch))).every(Boolean), { timeout: 90_000 }).toBe(true);
    const searchableSeconds = (Date.now() - sentAt) / 1000;

    // The audit: one row per message, by the admin, sent to order-events.
    const audit = redriveAuditSchema.parse(await (await page.request.get(`${base}/api/dlq/${DLQ}/redrives`)).json());
    const ours = audit.rows.filter((r) => r.sourceOffset >= from && r.sourceOffset < to);
    expect(ours).toHaveLength(to - from);
    expect(ours.every((r) => r.requestedBy === 'admin' && r.result === 'sent' && r.targetTopic === ORDER_TOPIC)).toBe(true);
    await expect(redrive.getByTestId('redrive-audit')).toContainText(`0@${from}`);

    // A viewer sees the audit but may not redrive: no form, and the API answers 403.
    const viewerContext = await browser.newContext();
    const viewer = await viewerContext.newPage();
    await viewer.goto(`${base}/login?next=%2Fdlq`);
    await new LoginPage(viewer).logIn('viewer', USERS.viewer);
    await expect(new DlqPage(viewer).heading).toBeVisible();
    await expect(new DlqPage(viewer).panel(DLQ).getByTestId('redrive')).toContainText('needs the admin role');
    const refused = await viewer.request.post(`${base}/api/dlq/${DLQ}/redrive`, { data: { dryRun: true } });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.code).toBe('forbidden');
    await viewerContext.close();

    record({
      fault: 'poison-message → redrive',
      feature: `search (${to - from} dead letters redriven by an admin)`,
      storeSeconds: null,
      overviewSeconds: null,
      wallSeconds: null,
      recoverySeconds: searchableSeconds,
      stuckHop: 'sent to DLQ, then indexed',
      causeShown: 'dlq:search-dlq',
      falseAlarms: 0,
    });
  } finally {
    await request.post('/api/demo/faults', { data: { name: 'poison-message', on: false } });
    await watcher.disconnect();
  }
});
