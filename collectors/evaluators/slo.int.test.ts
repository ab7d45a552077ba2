// The evaluator on a real store (a scratch database), with a real HTTP webhook receiver that the
// alert-delivery job sends to. The clock is the jobs' input, so an hour of slices takes seconds:
// samples are written at past times.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type TruthflowConfig } from '@/lib/config';
import { createLogger } from '@/lib/log';
import { SERIES } from '@/lib/series-names';
import { migrate } from '@/lib/store/migrate';
import { closeStorePool } from '@/lib/store/pool';
import { resolveSeriesIds } from '@/lib/store/queries/series';
import { insertSamples } from '@/lib/store/queries/samples';
import { recordScrapeOutcome } from '@/lib/store/queries/scrape-status';
import { createScratchDatabase, type ScratchDatabase } from '@/e2e/fixtures/scratch-db';
import { createAlertDeliveryJob } from './alert-delivery';
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
    const evaluator = createSloEvaluator();
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
    const at = (minute: number) => new Date(T0.getTime() + minute * 60_000 + 10_000);
    /** One evaluation; the runner would write its samples (SLI, observed marker), here the test does. */
    const evaluateAt = async (minute: number) => {
      const result = await run(minute);
      const ids = await resolveSeriesIds(result.samples);
      const key = (s: { metric: string; labels: Record<string, string> }) => `${s.metric}${JSON.stringify(s.labels)}`;
      const idOf = new Map(result.samples.map((s, i) => [key(s), [...ids.values()][i]!]));
      await insertSamples(result.samples.map((s) => ({ seriesId: idOf.get(key(s))!, ts: at(minute), value: s.value })));
      return result;
    };
    const sliSample = async (minute: number, age: number) => {
      await writeAge(minute, age);
      await recordScrapeOutcome({ collector: 'outbox', source: 'orders-outbox', attemptAt: at(minute), durationMs: 5 });
      return evaluateAt(minute);
    };
    /** The outbox collector runs and cannot reach the database: Truthflow observes, the source fails. */
    const collectorFails = async (minute: number) => {
      const error = { kind: 'connection', message: 'connect ECONNREFUSED 127.0.0.1:5432' };
      await recordScrapeOutcome({ collector: 'outbox', source: 'orders-outbox', attemptAt: at(minute), durationMs: 5, error });
      return evaluateAt(minute);
    };

    // Minute 0: healthy. Then 10 minutes in which the collector runs but fails: unknown, bad slices.
    expect((await sliSample(0, 3)).summary).toMatch(/^ok: sli 3/);
    for (let m = 1; m <= 10; m++) await collectorFails(m);
    const silent = await collectorFails(11);
    expect(silent.summary).toMatch(/^unknown: sli unknown/);
    expect(silent.notes).toContain('unknown: no fresh reading for outbox orders-outbox age');
    const [slices] = await db.rows<{ good: number; no_data: number; unobserved: number }>(
      `SELECT count(*) FILTER (WHERE good)::int AS good, count(*) FILTER (WHERE no_data)::int AS no_data,
              count(*) FILTER (WHERE NOT observed)::int AS unobserved FROM slo_slices`,
    );
    expect(slices).toEqual({ good: 1, no_data: 10, unobserved: 0 });
    const [unknownCause] = await db.rows<{ cause: { hop: { kind: string; name: string }; signal: string; words: string } }>(
      'SELECT cause FROM slo_state',
    );
    expect(unknownCause!.cause).toMatchObject({ hop: { kind: 'outbox', name: 'orders-outbox' }, signal: 'unreachable' });
    expect(unknownCause!.cause.words).toMatch(/^outbox collector failing for orders-outbox \(\d+ runs, .*\): connect ECONNREFUSED/);

    // Minutes 12–20: the outbox is stuck (age far above 30 s). 1 h and 5 m burn ≫ 14.4× → page.
    for (let m = 12; m <= 20; m++) await sliSample(m, 600);
    const [state1] = await db.rows<{ status: string; budget_remaining: number; burn_rates: Record<string, number> }>(
      'SELECT status, budget_remaining, burn_rates FROM slo_state',
    );
    expect(state1!.status).toBe('at_risk'); // stuck right now; budget not yet spent
    // The cause names the hop and the figure, and `since` stays at the first bad run (minute 12).
    const [stuck] = await db.rows<{ cause: { hop: unknown; signal: string; figure: unknown; since: string; words: string } }>(
      'SELECT cause FROM slo_state',
    );
    expect(stuck!.cause).toMatchObject({
      hop: { kind: 'outbox', name: 'orders-outbox' },
      signal: 'threshold',
      figure: { value: 600, unit: 's' },
      words: 'orders-outbox: oldest unsent row waits 600 s (threshold 30 s)',
    });
    expect(Date.parse(stuck!.cause.since)).toBe(at(12).getTime());
    expect(state1!.burn_rates['1h']).toBeGreaterThan(14.4);
    // 19 bad minutes against 43.2 budget minutes (0.1 % of 30 days): 1 − 19/43.2 ≈ 0.56 left.
    expect(state1!.budget_remaining).toBeCloseTo(1 - 19 / 43.2, 6);
    const firing = await db.rows<{ rule: string; state: string }>(`SELECT rule, state FROM alerts ORDER BY rule`);
    expect(firing.map((a) => a.rule)).toContain('page-1h-5m');
    expect(firing.every((a) => a.state === 'firing')).toBe(true);

    // Healthy for a while: the 5-minute window clears, so the 1h/5m page resolves.
    for (let m = 21; m <= 28; m++) await sliSample(m, 2);
    const page = await db.rows<{ state: string; resolved_at: Date | null }>(
      `SELECT state, resolved_at FROM alerts WHERE rule = 'page-1h-5m'`,
    );
    expect(page).toEqual([{ state: 'resolved', resolved_at: expect.any(Date) }]);
    expect((await db.rows<{ cause: unknown }>('SELECT cause FROM slo_state'))[0]!.cause).toBeNull();
    // The incident timeline's episodes: the collector failing from 1 to 11, then the threshold from 12 to 20.
    const episodes = await db.rows<{ signal: string; started_at: Date; last_seen_at: Date }>(
      `SELECT signal, started_at, last_seen_at FROM hop_signals WHERE hop_name = 'orders-outbox' ORDER BY started_at`,
    );
    expect(episodes).toEqual([
      { signal: 'unreachable', started_at: at(1), last_seen_at: at(11) },
      { signal: 'threshold', started_at: at(12), last_seen_at: at(20) },
    ]);

    // Every transition was written with one delivery per webhook; the delivery job sends them.
    const queued = await db.rows<{ webhook: string; transition: string }>(
      `SELECT webhook, transition FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id WHERE a.rule = 'page-1h-5m' ORDER BY d.id`,
    );
    expect(queued).toEqual([
      { webhook: 'am', transition: 'firing' },
      { webhook: 'plain', transition: 'firing' },
      { webhook: 'am', transition: 'resolved' },
      { webhook: 'plain', transition: 'resolved' },
    ]);
    const delivery = createAlertDeliveryJob();
    // The receiver fails its first two calls: later runs (a backoff later) get them through.
    for (let run = 0; run < 6; run++) {
      for (const hook of delivery.targets(config)) {
        await delivery.evaluate({
          target: hook,
          config,
          now: () => new Date(Date.now() + run * 60_000),
          signal: new AbortController().signal,
          state: undefined,
          log,
        });
      }
    }
    const am = received
      .filter((r) => r.path === '/api/v2/alerts')
      .map((r) => (r.body as { labels: Record<string, string>; annotations: Record<string, string>; endsAt?: string }[])[0]!);
    const plain = received
      .filter((r) => r.path === '/hook')
      .map((r) => r.body as { state: string; rule: string; tier: number; cause: { hop: { name: string }; signal: string } | null });
    // Both formats carry the cause the SLO had when the alert fired.
    const firedAm = am.find((a) => a.labels.rule === 'page-1h-5m')!;
    expect(firedAm.labels.cause_hop).toBe('outbox:orders-outbox');
    // (It fired while the collector failed, so the cause is the outbox it could not read.)
    expect(firedAm.annotations.description).toMatch(
      /^outbox collector failing for orders-outbox .*ECONNREFUSED.* \(since \d\d:\d\d:\d\d UTC\)$/,
    );
    expect(plain.find((p) => p.rule === 'page-1h-5m')!.cause).toMatchObject({ hop: { name: 'orders-outbox' }, signal: 'unreachable' });
    expect(am.some((a) => a.labels.rule === 'page-1h-5m' && a.labels.severity === 'page' && a.labels.tier === '0')).toBe(true);
    expect(plain.filter((p) => p.rule === 'page-1h-5m').map((p) => p.state)).toEqual(['firing', 'resolved']);
    const open = await db.rows(`SELECT id FROM alert_deliveries WHERE closed_at IS NULL AND sent_at IS NULL`);
    expect(open).toEqual([]);
  });
});
