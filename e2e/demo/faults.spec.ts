// Every fault switch of the demo shop, against the real stack (shop, Kafka, OpenSearch, collectors
// every 5 s): the right feature turns red on `/` and `/wall`, the order lookup names the stuck hop,
// and switching the fault off brings it back. Specs under e2e/demo/ run in the second e2e pass,
// the one with the demo stack (E2E_DEMO=1, see playwright.config.ts and scripts/test.ts).
import { expect, test, type APIRequestContext } from '@playwright/test';
import { FAULT_NAMES } from '@/lib/fault-switches/catalogue';
import { faultsAnswerSchema } from '@/lib/fault-switches/api';
import { overviewSchema } from '@/lib/views/overview/schema';
import { record, writeDetectionTable } from '../fixtures/detection-table';
import { orderPlacedAfter } from '../fixtures/shop-db';
import { DemoPage } from '../pages/DemoPage';
import { OrderPage } from '../pages/OrderPage';
import { OverviewPage } from '../pages/OverviewPage';
import { WallPage } from '../pages/WallPage';

const INTERVAL_S = 5;
// Two collector runs to see the fault, one evaluator run to judge it, and a little slack for the
// runs' phase; the UI adds its own refresh period on top.
const DETECT_WITHIN_S = 3 * INTERVAL_S + 3;

interface Case {
  fault: string;
  feature: string | null;
  hop: RegExp;
  hopWords: string;
  /** A slowed consumer's backlog grows slowly, so it takes longer to tell from noise. */
  detectWithinS?: number;
}

const CASES: Case[] = [
  { fault: 'relay-stopped', feature: 'checkout', hop: /never published/, hopWords: 'never published' },
  { fault: 'indexer-paused', feature: 'search', hop: /never consumed by search-indexer/, hopWords: 'never consumed by search-indexer' },
  {
    fault: 'indexer-slowed',
    feature: 'search',
    hop: /never consumed by search-indexer/,
    hopWords: 'never consumed by search-indexer',
    detectWithinS: 8 * INTERVAL_S,
  },
  { fault: 'poison-message', feature: 'checkout', hop: /never indexed|sent to DLQ/, hopWords: 'never indexed / sent to DLQ' },
  { fault: 'mapping-conflict', feature: 'checkout', hop: /never indexed|sent to DLQ/, hopWords: 'never indexed / sent to DLQ' },
  { fault: 'search-node-stopped', feature: 'search', hop: /never (indexed|consumed)/, hopWords: 'never indexed' },
  { fault: 'kafka-broker-stopped', feature: 'checkout', hop: /never published/, hopWords: 'never published' },
  { fault: 'order-rate-x10', feature: null, hop: /./, hopWords: '—' },
];

type FeatureStatuses = Record<string, string[]>;

async function statuses(request: APIRequestContext): Promise<FeatureStatuses> {
  const body = overviewSchema.parse(await (await request.get('/api/overview')).json());
  return Object.fromEntries(body.features.map((f) => [f.name, f.slos.map((s) => (s.stale ? 'unknown' : s.status))]));
}
const isRed = (list: string[] | undefined) => (list ?? []).some((s) => s === 'at_risk' || s === 'breached');

/** Seconds until `check` holds, polling every 500 ms; null when it never did within `timeoutS`. */
async function secondsUntil(check: () => Promise<boolean>, timeoutS: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < timeoutS * 1000) {
    if (await check().catch(() => false)) return (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 500));
  }
  return null;
}

test.beforeAll(async ({ request }) => {
  test.setTimeout(300_000);
  // The shop needs a minute to warm up: every feature evaluated and not red.
  const healthy = await secondsUntil(async () => {
    const s = await statuses(request);
    return ['checkout', 'search'].every((f) => (s[f] ?? []).length > 0 && (s[f] ?? []).every((x) => x === 'ok'));
  }, 240);
  expect(healthy, 'the demo shop never became healthy').not.toBeNull();
});

test.afterAll(() => {
  console.log(`\n${writeDetectionTable(INTERVAL_S)}\n`);
});

for (const c of CASES) {
  const title = c.feature
    ? `${c.fault}: ${c.feature} turns red, the lookup names the stuck hop, and it recovers`
    : `${c.fault}: the pipeline absorbs it and nothing turns red`;
  test(title, async ({ page, request, browser }) => {
    test.setTimeout(420_000);
    const demo = new DemoPage(page);
    const overview = new OverviewPage(page);
    const wallTab = await browser.newPage();
    const wall = new WallPage(wallTab);
    await wall.open();

    // Start from health, so that what turns red is this fault's doing.
    const baseline = await secondsUntil(async () => !isRed((await statuses(request))[c.feature ?? 'checkout']), 180);
    expect(baseline, `${c.feature} was still red before ${c.fault}`).not.toBeNull();

    await demo.open();
    const onAt = new Date();
    await demo.set(c.fault, true);
    const setSeconds = (Date.now() - onAt.getTime()) / 1000; // a server switch waits for its JVM to stop

    if (c.feature) {
      const store = await secondsUntil(async () => isRed((await statuses(request))[c.feature!]), setSeconds + 60);
      expect(store, `${c.feature} never turned red after ${c.fault}`).not.toBeNull();
      expect(store! - setSeconds).toBeLessThanOrEqual(c.detectWithinS ?? DETECT_WITHIN_S);
      await overview.open();
      await expect(overview.redStatuses(c.feature).first()).toBeVisible({ timeout: 30_000 });
      const overviewSeconds = (Date.now() - onAt.getTime()) / 1000 - setSeconds;
      await expect(wall.redStatuses(c.feature).first()).toBeVisible({ timeout: 30_000 });
      const wallSeconds = (Date.now() - onAt.getTime()) / 1000 - setSeconds;

      // An order placed after the fault: the lookup names the hop it is stuck at.
      const orderId = await orderPlacedAfter(new Date(onAt.getTime() + setSeconds * 1000 + 1000));
      const order = new OrderPage(page);
      await expect(async () => {
        await order.lookUpFrom('/', orderId);
        await expect(order.missingHop).toContainText(c.hop, { timeout: 2_000 });
      }).toPass({ timeout: 60_000 });

      const offAt = Date.now();
      await demo.open();
      await demo.set(c.fault, false);
      const recovery = await secondsUntil(async () => !isRed((await statuses(request))[c.feature!]), 240);
      expect(recovery, `${c.feature} did not recover after ${c.fault} was switched off`).not.toBeNull();
      record({
        fault: c.fault,
        feature: c.feature,
        storeSeconds: store! - setSeconds,
        overviewSeconds,
        wallSeconds,
        recoverySeconds: (Date.now() - offAt) / 1000,
        stuckHop: c.hopWords,
      });
    } else {
      // A busy shop must be absorbed: checkout's outbox keeps up, nothing about it turns red.
      const red = await secondsUntil(async () => isRed((await statuses(request)).checkout), 4 * INTERVAL_S);
      expect(red, 'checkout turned red under ×10 orders').toBeNull();
      await demo.open();
      await demo.set(c.fault, false);
      record({
        fault: c.fault,
        feature: '(none: absorbed)',
        storeSeconds: null,
        overviewSeconds: null,
        wallSeconds: null,
        recoverySeconds: null,
        stuckHop: c.hopWords,
      });
    }
    await wallTab.close();
  });
}

test('fault switches API: every switch, in the shape its response schema promises', async ({ request }) => {
  const res = await request.get('/api/demo/faults');
  expect(res.status()).toBe(200);
  expect(faultsAnswerSchema.parse(await res.json()).faults.map((f) => f.name)).toEqual([...FAULT_NAMES]);
  const bad = await request.post('/api/demo/faults', { data: { name: 'no-such-fault', on: true } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.code).toBe('bad_request');
});
