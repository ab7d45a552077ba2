// Alert delivery on a real store: a transition made while the webhook is down arrives once it is
// back, across a restart of the job (nothing lives in memory); and a real Alertmanager keeps a
// still-burning alert active for several resolve timeouts because it is re-sent, then resolves it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type TruthflowConfig } from '@/lib/config';
import { createLogger } from '@/lib/log';
import { migrate } from '@/lib/store/migrate';
import { closeStorePool } from '@/lib/store/pool';
import { fireAlert, resolveAlert } from '@/lib/store/queries/alerts';
import { createScratchDatabase, type ScratchDatabase } from '@/e2e/fixtures/scratch-db';
import { startAlertmanager, stopAlertmanager } from '@/scripts/alertmanager';
import { createAlertDeliveryJob } from './alert-delivery';

const log = createLogger('alert-delivery-test');
const RESOLVE_TIMEOUT_S = 3;
const RESEND_S = 1;
let db: ScratchDatabase;
let config: TruthflowConfig;
let alertmanagerUrl: string;
let receiverPort: number;
let startedAlertmanager = false;
const received: unknown[] = [];

/** A JSON webhook that can be taken down and brought back on the same port. */
let receiver: http.Server | null = null;
async function receiverUp(port = 0): Promise<number> {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => receiver!.listen(port, '127.0.0.1', r));
  return (receiver.address() as AddressInfo).port;
}
async function receiverDown(): Promise<void> {
  await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()));
  receiver = null;
}

const alert = (rule: string) => ({
  feature: 'checkout',
  slo: 'outbox-age',
  rule,
  severity: 'page',
  firedAt: new Date(),
  burnLong: 20,
  burnShort: 30,
  summary: 'checkout/outbox-age is burning',
  cause: null,
});

/** One run of a fresh job instance (as after a restart) for one webhook, at `now`. */
async function deliver(webhook: string, now = new Date()) {
  const job = createAlertDeliveryJob();
  const target = job.targets(config).find((t) => t.name === webhook)!;
  return job.evaluate({ target, config, now: () => now, signal: new AbortController().signal, state: undefined, log });
}

describe('alert delivery', () => {
  beforeAll(async () => {
    db = await createScratchDatabase('alert_delivery');
    await migrate(db.url);
    process.env.DATABASE_URL = db.url;
    // Stopped afterwards only if this test started it (a differently configured one is restarted).
    startedAlertmanager = !(await fetch('http://127.0.0.1:19393/-/ready').catch(() => null))?.ok;
    alertmanagerUrl = (await startAlertmanager({ resolveTimeout: `${RESOLVE_TIMEOUT_S}s`, log: () => undefined })).url;
    receiverPort = await receiverUp();
    await receiverDown();
    config = parseConfig(
      `
sources: { db: { kind: postgres, url: "postgres://127.0.0.1:5432/postgres" } }
outboxes: [{ name: ob, source: db, table: outbox, layout: marked-sent }]
pipelines: [{ name: p, systemOfRecord: db, stages: [{ outbox: ob }] }]
features: [{ name: checkout, tier: 0, owner: t, pipelines: [p], slos: [{ name: outbox-age, sli: outbox_oldest_unsent_age, threshold: 30, objective: 0.999 }] }]
alerts:
  resendIntervalSeconds: ${RESEND_S}
  webhooks:
    - { name: plain, url: "http://127.0.0.1:${receiverPort}/hook", format: json }
    - { name: am, url: "${alertmanagerUrl}/api/v2/alerts", format: alertmanager }
`,
      {},
    );
  }, 120_000);
  afterAll(async () => {
    await receiverDown();
    if (startedAlertmanager) await stopAlertmanager();
    await closeStorePool();
    await db?.drop();
  });

  it('keeps a transition while the webhook is down and delivers it once it is back, after a restart', async () => {
    const fired = await fireAlert(alert('page-1h-5m'), ['plain']);
    const t0 = new Date();
    expect((await deliver('plain', t0)).summary).toBe('1 due: 0 sent, 1 failed, 0 closed');
    const [failing] = await db.rows<{ failing_since: Date; last_error: string; next_attempt_at: Date }>(
      `SELECT failing_since, last_error, next_attempt_at FROM alert_deliveries WHERE webhook = 'plain'`,
    );
    expect(failing!.last_error).toMatch(/ECONNREFUSED/);
    expect(failing!.next_attempt_at.getTime()).toBeGreaterThan(t0.getTime());
    // Down for 60 s, with retries that fail meanwhile; nothing is given up on.
    expect((await deliver('plain', new Date(t0.getTime() + 30_000))).summary).toBe('1 due: 0 sent, 1 failed, 0 closed');
    await receiverUp(receiverPort);
    // Backoff after two failures: 5 s, then 10 s; the third attempt, a minute in, gets through.
    expect((await deliver('plain', new Date(t0.getTime() + 61_000))).summary).toBe('1 due: 1 sent, 0 failed, 0 closed');
    expect(received).toEqual([expect.objectContaining({ state: 'firing', rule: 'page-1h-5m' })]);
    // Delivered once: nothing is due any more, and the store says so.
    expect((await deliver('plain', new Date(t0.getTime() + 600_000))).summary).toBe('0 due: 0 sent, 0 failed, 0 closed');
    const [done] = await db.rows<{ closed_reason: string; attempts: number }>(
      `SELECT closed_reason, attempts FROM alert_deliveries WHERE alert_id = ${fired.id}`,
    );
    expect(done).toEqual({ closed_reason: 'delivered', attempts: 3 });
  });

  it('keeps a burning alert active in Alertmanager for several resolve timeouts, then resolves it', async () => {
    const amAlerts = async () =>
      (await (await fetch(`${alertmanagerUrl}/api/v2/alerts?filter=rule%3D%22page-6h-30m%22`)).json()) as {
        status: { state: string };
        endsAt: string;
      }[];
    const fired = await fireAlert(alert('page-6h-30m'), ['am']);
    // Sent, then re-sent every second by runs of the job, for four resolve timeouts.
    const until = Date.now() + 4 * RESOLVE_TIMEOUT_S * 1000;
    let sends = 0;
    while (Date.now() < until) {
      sends += Number((await deliver('am')).summary.includes('1 sent'));
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(sends).toBeGreaterThanOrEqual(4 * RESOLVE_TIMEOUT_S - 2);
    const active = await amAlerts();
    expect(active.map((a) => a.status.state)).toEqual(['active']);

    await resolveAlert(fired.id, new Date(), ['am']);
    expect((await deliver('am')).summary).toBe('1 due: 1 sent, 0 failed, 0 closed');
    await expect.poll(async () => (await amAlerts()).length, { timeout: 10_000 }).toBe(0);
  });

  it('would have lost that alert without the re-sends: one send and Alertmanager resolves it on its own', async () => {
    // The control: the same alert posted once without endsAt, as a one-shot webhook would.
    const body = [{ labels: { alertname: 'TruthflowSloBurnRate', rule: 'one-shot' }, startsAt: new Date().toISOString() }];
    await fetch(`${alertmanagerUrl}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const oneShot = async () =>
      ((await (await fetch(`${alertmanagerUrl}/api/v2/alerts?filter=rule%3D%22one-shot%22`)).json()) as unknown[]).length;
    expect(await oneShot()).toBe(1);
    await expect.poll(oneShot, { timeout: (RESOLVE_TIMEOUT_S + 5) * 1000, interval: 500 }).toBe(0);
  });
});
