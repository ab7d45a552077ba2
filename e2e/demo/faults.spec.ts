// Every fault switch of the demo shop, against the real stack (shop, Kafka, OpenSearch, collectors
// every 5 s): exactly the features that depend on the broken hop change status, every other
// feature stays ok the whole time (a false alarm fails the test), the API, the overview row and
// the wall tile name the expected cause hop, the order lookup names the stuck hop, and switching
// the fault off brings it back. Specs under e2e/demo/ run in the second e2e pass, the one with the
// demo stack (E2E_DEMO=1, see playwright.config.ts and scripts/test.ts).
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { FAULT_NAMES, type FaultName } from '@/lib/fault-switches/catalogue';
import { faultsAnswerSchema } from '@/lib/fault-switches/api';
import { record, writeDetectionTable } from '../fixtures/detection-table';
import { allOk, changed, FalseAlarmWatch, secondsUntil, statuses } from '../fixtures/demo-statuses';
import { CASES, DETECT_WITHIN_S, FEATURES, INTERVAL_S, type Case } from '../fixtures/fault-cases';
import {
  dlqEndOffset,
  mismatchedKeys,
  mismatchCount,
  reconciledCleanSince,
  redriveSince,
  RECONCILIATION,
} from '../fixtures/reconcile-demo';
import { orderPlacedAfter } from '../fixtures/shop-db';
import { DemoPage } from '../pages/DemoPage';
import { OrderPage } from '../pages/OrderPage';
import { OverviewPage } from '../pages/OverviewPage';
import { WallPage } from '../pages/WallPage';

/** Switches a fault off through the API: a failed test must not leave its fault on for the next. */
async function switchOff(request: APIRequestContext, name: FaultName): Promise<void> {
  await request.post('/api/demo/faults', { data: { name, on: false } }).catch(() => undefined);
}

test.beforeAll(async ({ request }) => {
  for (const name of FAULT_NAMES) await switchOff(request, name);
  test.setTimeout(300_000);
  // The shop needs a minute to warm up: every feature evaluated and ok.
  const healthy = await secondsUntil(async () => allOk(await statuses(request)), 240);
  expect(healthy, 'the demo shop never became healthy').not.toBeNull();
});

test.afterAll(() => {
  console.log(`\n${writeDetectionTable(INTERVAL_S)}\n`);
});

for (const c of CASES) {
  const expected = Object.keys(c.changes);
  const title = expected.length
    ? `${c.fault}: ${expected.join(' and ')} change with the cause named, nothing else does, and it recovers`
    : c.reconciliation
      ? `${c.fault}: reconciliation ${RECONCILIATION} finds ${c.reconciliation} keys, and no feature changes`
      : `${c.fault}: the pipeline absorbs it and nothing changes`;
  test(title, async ({ page, request, browser }) => {
    test.setTimeout(420_000);
    // Whatever happens below, the fault is off afterwards (idempotent when the test switched it off).
    try {
      await runCase(c, expected, { page, request, browser });
    } finally {
      await switchOff(request, c.fault);
    }
  });
}

async function runCase(
  c: Case,
  expected: string[],
  { page, request, browser }: { page: Page; request: APIRequestContext; browser: Browser },
): Promise<void> {
  const demo = new DemoPage(page);
  const overview = new OverviewPage(page);
  const wallTab = await browser.newPage();
  const wall = new WallPage(wallTab);
  await wall.open();
  const watch = new FalseAlarmWatch(expected);
  const observe = async () => {
    const s = await statuses(request);
    watch.note(s);
    return s;
  };

  // Start from health everywhere, so that whatever changes is this fault's doing.
  const baseline = await secondsUntil(async () => allOk(await statuses(request)), 180);
  expect(baseline, `some feature was still not ok before ${c.fault}`).not.toBeNull();

  // Where this fault's dead letters will start, so the redrive afterwards takes only those.
  const dlqFrom = c.redrive ? await dlqEndOffset() : null;
  const mismatchesBefore = c.reconciliation ? await mismatchCount(request, c.reconciliation) : 0;
  await demo.open();
  const onAt = new Date();
  await demo.set(c.fault, true);
  const setSeconds = (Date.now() - onAt.getTime()) / 1000; // a server switch waits for its JVM to stop

  if (expected.length === 0 && c.reconciliation) {
    const reason = c.reconciliation;
    // The reconciliation's count grows, while every feature stays ok.
    const found = await secondsUntil(async () => {
      await observe();
      return (await mismatchCount(request, reason)) > mismatchesBefore;
    }, c.detectWithinS! + 30);
    expect(found, `reconciliation ${RECONCILIATION} found no ${reason} key under ${c.fault}`).not.toBeNull();
    expect(found! - setSeconds).toBeLessThanOrEqual(c.detectWithinS!);
    const keys = await mismatchedKeys(request, reason);
    expect(keys.length, `the ${reason} keys of ${RECONCILIATION}`).toBeGreaterThan(0);
    await page.goto(`/consistency`);
    await expect(
      page.locator(`[data-testid="reconciliation"][data-name="${RECONCILIATION}"]`).getByTestId(`count-${reason}`),
    ).not.toHaveText(/^(≥ )?0$/, { timeout: 30_000 });
    const offAt = Date.now();
    await demo.open();
    await demo.set(c.fault, false);
    const recovery = await secondsUntil(async () => allOk(await observe()), 60);
    expect(recovery, `a feature was not ok after ${c.fault}`).not.toBeNull();
    expect([...watch.seen], `false alarms during ${c.fault}`).toEqual([]);
    record({
      fault: c.fault,
      feature: `(none: ${reason} keys found by reconciliation, no SLO counts them)`,
      storeSeconds: found! - setSeconds,
      overviewSeconds: null,
      wallSeconds: null,
      recoverySeconds: (Date.now() - offAt) / 1000,
      stuckHop: c.hopWords,
      causeShown: `reconciliation:${RECONCILIATION}`,
      falseAlarms: watch.seen.size,
    });
    await wallTab.close();
    return;
  }

  if (expected.length === 0) {
    // A busy shop must be absorbed: nothing changes for four intervals.
    const moved = await secondsUntil(async () => {
      const s = await observe();
      return FEATURES.some((f) => changed(s[f]));
    }, 4 * INTERVAL_S);
    expect(moved, `a feature changed under ${c.fault}: ${[...watch.seen].join('; ')}`).toBeNull();
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
      causeShown: '—',
      falseAlarms: watch.seen.size,
    });
    await wallTab.close();
    return;
  }

  // Every expected feature changes, and its cause names the expected hop.
  const store = await secondsUntil(async () => {
    const s = await observe();
    return expected.every((f) => changed(s[f]) && (s[f] ?? []).some((x) => x.status !== 'ok' && c.changes[f]!.test(x.causeHop ?? '')));
  }, setSeconds + 90);
  expect(store, `${expected.join(', ')} did not all change with the expected cause after ${c.fault}`).not.toBeNull();
  const primary = expected[0]!;
  const primaryFirst = (await observe())[primary]!.find((x) => x.status !== 'ok')!;
  expect(store! - setSeconds).toBeLessThanOrEqual(
    c.detectWithinS ?? DETECT_WITHIN_S + (c.fault === 'kafka-broker-stopped' ? 2 * INTERVAL_S : 0),
  );

  // The overview row and the wall tile name the cause hop, in words.
  const hopName = primaryFirst.causeHop!.split(':').slice(1).join(':');
  await overview.open();
  await expect(overview.cause(primary, primaryFirst.slo)).toContainText(hopName, { timeout: 30_000 });
  const overviewSeconds = (Date.now() - onAt.getTime()) / 1000 - setSeconds;
  await expect(wall.cause(primary, primaryFirst.slo)).toContainText(hopName, { timeout: 30_000 });
  const wallSeconds = (Date.now() - onAt.getTime()) / 1000 - setSeconds;

  // An order placed after the fault (or one the reconciliation lists): the lookup names the hop it is stuck at.
  const hop = c.hop;
  if (hop) {
    const orderId = c.lookupMismatch
      ? (await mismatchedKeys(request, c.lookupMismatch))[0]!
      : await orderPlacedAfter(new Date(onAt.getTime() + setSeconds * 1000 + 1000));
    const order = new OrderPage(page);
    await expect(async () => {
      await order.lookUpFrom('/', orderId);
      await expect(order.missingHopMatching(hop)).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
  }

  // A figure the status does not move yet (a 15-minute threshold) still shows the fault.
  if (c.grows) {
    const { feature, slo, above } = c.grows;
    const figure = async () => (await observe())[feature]?.find((x) => x.slo === slo)?.value ?? null;
    const grew = await secondsUntil(async () => ((await figure()) ?? 0) > above, 90);
    expect(grew, `${feature}/${slo} stayed at or below ${above} under ${c.fault} (now ${await figure()})`).not.toBeNull();
  }

  const offAt = Date.now();
  await demo.open();
  await demo.set(c.fault, false);
  // Dead-lettered orders are missing from search until redriven: the remedy, as an operator would.
  if (dlqFrom !== null) await redriveSince(request, dlqFrom);
  // A fault that held orders back from search is over once the reconciliation has looked past its
  // end and found them all; before that, orders it delayed beyond settle would still turn search
  // red in the next case.
  const holdsSearch = expected.includes('search');
  const recovery = await secondsUntil(
    async () => allOk(await observe()) && (!holdsSearch || (await reconciledCleanSince(request, offAt))),
    240,
  );
  expect(recovery, `not every feature recovered after ${c.fault} was switched off`).not.toBeNull();
  expect([...watch.seen], `false alarms during ${c.fault}`).toEqual([]);
  record({
    fault: c.fault,
    feature: expected.join(', '),
    storeSeconds: store! - setSeconds,
    overviewSeconds,
    wallSeconds,
    recoverySeconds: (Date.now() - offAt) / 1000,
    stuckHop: c.hopWords,
    causeShown: primaryFirst.causeHop!,
    falseAlarms: watch.seen.size,
  });
  await wallTab.close();
}

test('fault switches API: every switch, in the shape its response schema promises', async ({ request }) => {
  const res = await request.get('/api/demo/faults');
  expect(res.status()).toBe(200);
  expect(faultsAnswerSchema.parse(await res.json()).faults.map((f) => f.name)).toEqual([...FAULT_NAMES]);
  const bad = await request.post('/api/demo/faults', { data: { name: 'no-such-fault', on: true } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.code).toBe('bad_request');
});
