// The evaluator on a real store (a scratch database), with a real HTTP webhook receiver. The clock
// is the evaluator's input, so an hour of slices takes seconds: samples are written at past times.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookNotifier } from '@/lib/alerts/webhooks';
import { parseConfig, type TruthflowConfig } from '@/lib/config';
import { createLogger } from '@/lib/log';
import { SERIES } from '@/lib/series-names';
import { migrate } from '@/lib/store/migrate';
import { closeStorePool } from '@/lib/store/pool';
import { resolveSeriesIds } from '@/lib/store/queries/series';
import { insertSamples } from '@/lib/store/queries/samples';
import { createScratchDatabase, type ScratchDatabase } from '@/e2e/fixtures/scratch-db';
import { createSloEvaluator } from './slo';

const log = createLogger('evaluator-test');
const received: { path: string; body: unknown }[] = [];
let failuresLeft = 2; // the webhook is "down" for its first two calls: retries must get through
const receiver = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (failuresLeft-- > 0) return void res.writeHead(503).end();
    received.push({ path: req.url ?? '', body: JSON.parse(body) });
    res.writeHead(200).end();
  });
});

let db: ScratchDatabase;
let config: TruthflowConfig;
const T0 = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 3 * 3600_000); // three hours ago, on a minute

async function writeAge(minuteOffset: number, value: number) {
  const labels = { outbox: 'orders-outbox' };
  const ids = await resolveSeriesIds([{ metric: SERIES.outboxOldestUnsentAgeSeconds, labels }]);
  const ts = new Date(T0.getTime() + minuteOffset * 60_000 + 5_000);
  await insertSamples([{ seriesId: [...ids.values()][0]!, ts, value }]);
}

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe('SLO evaluator', () => {
  beforeAll(async () => {
    db = await createScratchDatabase('evaluator');
    await migrate(db.url);
    process.env.DATABASE_URL = db.url;
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const port = (receiver.address() as AddressInfo).port;
    config = parseConfig(
      `
sources: { shop-db: { kind: postgres, url: "postgres://postgres@127.0.0.1:5432/postgres" } }
outboxes: [{ name: orders-outbox, source: shop-db, table: outbox, layout: marked-sent }]
pipelines: [{ name: orders, systemOfRecord: shop-db, stages: [{ outbox: orders-outbox }] }]
features:
  - name: checkout
    tier: 0
    owner: payments
    pipelines: [orders]
    slos: [{ name: outbox-age, sli: outbox_oldest_unsent_age, threshold: 30, objective: 0.999 }]
collectors: { intervalSeconds: 10, timeoutSeconds: 5 }
alerts:
  webhooks:
    - { name: am, url: "http://127.0.0.1:${port}/api/v2/alerts", format: alertmanager }
    - { name: plain, url: "http://127.0.0.1:${port}/hook", format: json }
`,
      {},
    );
  });
  afterAll(async () => {
    receiver.close();
    await closeStorePool();
    await db?.drop();
  });

  it('counts silent minutes as bad, pages on a fast burn, and resolves when it stops', async () => {
    const notifier = new WebhookNotifier({ webhooks: config.alerts.webhooks, log, firstBackoffMs: 50 });
    const evaluator = createSloEvaluator(notifier);
    const [target] = evaluator.targets(config);
    const state = evaluator.initialState(target!);
    const run = (minute: number) =>
      evaluator.evaluate({
        target: target!,
        config,
        now: () => new Date(T0.getTime() + minute * 60_000 + 10_000),
        signal: new AbortController().signal,
        state,
        log,
      });
    const sliSample = async (minute: number, age: number) => {
      await writeAge(minute, age);
      const result = await run(minute);
      // The runner would hand these to its output writer; here the test writes the SLI sample itself.
      const ids = await resolveSeriesIds(result.samples);
      await insertSamples(
        result.samples.map((s) => ({
          seriesId: ids.values().next().value!,
          ts: new Date(T0.getTime() + minute * 60_000 + 10_000),
          value: s.value,
        })),
      );
      return result;
    };

    // Minute 0: healthy. Then 10 silent minutes (collector down): unknown, and bad slices.
    expect((await sliSample(0, 3)).summary).toMatch(/^ok: sli 3/);
    const silent = await run(11);
    expect(silent.summary).toMatch(/^unknown: sli unknown/);
    expect(silent.notes).toContain('unknown: no fresh reading for outbox orders-outbox age');
    const [slices] = await query<{ good: number; no_data: number }>(
      `SELECT count(*) FILTER (WHERE good)::int AS good, count(*) FILTER (WHERE no_data)::int AS no_data FROM slo_slices`,
    );
    expect(slices).toEqual({ good: 1, no_data: 10 });

    // Minutes 12–20: the outbox is stuck (age far above 30 s). 1 h and 5 m burn ≫ 14.4× → page.
    for (let m = 12; m <= 20; m++) await sliSample(m, 600);
    const [state1] = await query<{ status: string; budget_remaining: number; burn_rates: Record<string, number> }>(
      'SELECT status, budget_remaining, burn_rates FROM slo_state',
    );
    expect(state1!.status).toBe('at_risk'); // stuck right now; budget not yet spent
    expect(state1!.burn_rates['1h']).toBeGreaterThan(14.4);
    // 19 bad minutes against 43.2 budget minutes (0.1 % of 30 days): 1 − 19/43.2 ≈ 0.56 left.
    expect(state1!.budget_remaining).toBeCloseTo(1 - 19 / 43.2, 6);
    const firing = await query<{ rule: string; state: string }>(`SELECT rule, state FROM alerts ORDER BY rule`);
    expect(firing.map((a) => a.rule)).toContain('page-1h-5m');
    expect(firing.every((a) => a.state === 'firing')).toBe(true);

    // Healthy for a while: the 5-minute window clears, so the 1h/5m page resolves.
    for (let m = 21; m <= 28; m++) await sliSample(m, 2);
    const page = await query<{ state: string; resolved_at: Date | null }>(
      `SELECT state, resolved_at FROM alerts WHERE rule = 'page-1h-5m'`,
    );
    expect(page).toEqual([{ state: 'resolved', resolved_at: expect.any(Date) }]);

    await notifier.idle();
    const am = received
      .filter((r) => r.path === '/api/v2/alerts')
      .map((r) => (r.body as { labels: Record<string, string>; endsAt?: string }[])[0]!);
    const plain = received.filter((r) => r.path === '/hook').map((r) => r.body as { state: string; rule: string; tier: number });
    expect(am.some((a) => a.labels.rule === 'page-1h-5m' && a.labels.severity === 'page' && a.labels.tier === '0' && !a.endsAt)).toBe(true);
    expect(am.some((a) => a.labels.rule === 'page-1h-5m' && a.endsAt)).toBe(true);
    expect(plain.filter((p) => p.rule === 'page-1h-5m').map((p) => p.state)).toEqual(['firing', 'resolved']);
    expect(notifier.stats.failed).toBe(0);
  });
});
