// Honest slices on a real store: minutes in which Truthflow itself was not observing (before the
// collectors' first run, while it was stopped) are "not observed", excluded from the budget and
// never paging; samples that reach the store late (held back during a store outage) turn their
// minute good when they arrive. The clock is the evaluator's input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type TruthflowConfig } from '@/lib/config';
import { createLogger } from '@/lib/log';
import { SERIES } from '@/lib/series-names';
import { NOT_OBSERVED_REASON } from '@/lib/slo/slices';
import { migrate } from '@/lib/store/migrate';
import { closeStorePool } from '@/lib/store/pool';
import { insertSamples } from '@/lib/store/queries/samples';
import { recordScrapeOutcome } from '@/lib/store/queries/scrape-status';
import { notObservedRanges } from '@/lib/store/queries/slo-slices';
import { resolveSeriesIds } from '@/lib/store/queries/series';
import { createScratchDatabase, type ScratchDatabase } from '@/e2e/fixtures/scratch-db';
import type { JobOutput } from '../types';
import { createSloEvaluator } from './slo';

const log = createLogger('slo-gaps-test');
let db: ScratchDatabase;
let config: TruthflowConfig;
const T0 = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 2 * 3600_000);
const at = (minute: number) => new Date(T0.getTime() + minute * 60_000 + 10_000);

async function write(samples: JobOutput['samples'], ts: Date) {
  const ids = await resolveSeriesIds(samples);
  const list = [...ids.values()];
  await insertSamples(samples.map((s, i) => ({ seriesId: list[i]!, ts, value: s.value })));
}

/** The outbox collector's run at `minute`: a healthy reading and its scrape status. */
async function collectorRuns(minute: number) {
  await write([{ metric: SERIES.outboxOldestUnsentAgeSeconds, labels: { outbox: 'ob' }, value: 2 }], at(minute));
  await recordScrapeOutcome({ collector: 'outbox', source: 'ob', attemptAt: at(minute), durationMs: 3 });
}

/** A collectors process: its own evaluator state, as after a (re)start. */
function startProcess() {
  const evaluator = createSloEvaluator();
  const target = evaluator.targets(config)[0]!;
  const state = evaluator.initialState(target);
  return (minute: number) =>
    evaluator.evaluate({ target, config, now: () => at(minute), signal: new AbortController().signal, state, log });
}

const slices = () =>
  db.rows<{ minute: number; good: boolean; observed: boolean; reason: string | null }>(
    `SELECT ((extract(epoch FROM slice_start) * 1000 - ${T0.getTime()}) / 60000)::int AS minute, good, observed, reason
       FROM slo_slices ORDER BY slice_start`,
  );

describe('honest slices', () => {
  beforeAll(async () => {
    db = await createScratchDatabase('slo_gaps');
    await migrate(db.url);
    process.env.DATABASE_URL = db.url;
    config = parseConfig(
      `
sources: { db: { kind: postgres, url: "postgres://127.0.0.1:5432/postgres" } }
outboxes: [{ name: ob, source: db, table: outbox, layout: marked-sent }]
pipelines: [{ name: p, systemOfRecord: db, stages: [{ outbox: ob }] }]
features: [{ name: checkout, tier: 0, owner: t, pipelines: [p], slos: [{ name: age, sli: outbox_oldest_unsent_age, threshold: 30, objective: 0.999 }] }]
collectors: { intervalSeconds: 10, timeoutSeconds: 5 }
alerts: { webhooks: [{ name: hook, url: "http://127.0.0.1:9/nowhere", format: json }] }
`,
      {},
    );
  });
  afterAll(async () => {
    await closeStorePool();
    await db?.drop();
  });

  it('a fresh start and a 3-minute stop are not observed: no budget spent, no alert, and the slices say why', async () => {
    // Fresh store: the evaluator runs before the collectors' first run.
    let run = startProcess();
    const first = await run(0);
    expect(first.summary).toMatch(/^unknown/);
    expect(first.samples.map((s) => s.metric)).not.toContain(SERIES.sloObserved);
    for (let m = 1; m <= 4; m++) {
      await collectorRuns(m);
      await write((await run(m)).samples, at(m));
    }
    // Truthflow is stopped for minutes 5–7, then starts again; its collectors run a moment later.
    run = startProcess();
    await write((await run(8)).samples, at(8));
    for (let m = 9; m <= 12; m++) {
      await collectorRuns(m);
      await write((await run(m)).samples, at(m));
    }
    const byMinute = await slices();
    const gap = byMinute.filter((s) => !s.observed).map((s) => s.minute);
    expect(gap).toEqual([0, 5, 6, 7, 8]);
    expect(byMinute.filter((s) => !s.observed).every((s) => s.reason === NOT_OBSERVED_REASON)).toBe(true);
    expect(byMinute.filter((s) => s.observed).every((s) => s.good)).toBe(true);
    expect(await db.rows('SELECT id FROM alerts')).toEqual([]);
    // The feature page draws them as two labelled gaps.
    const minuteStart = (m: number) => new Date(T0.getTime() + m * 60_000);
    expect(await notObservedRanges('checkout', T0, at(30))).toEqual([
      { from: minuteStart(0), to: minuteStart(1) },
      { from: minuteStart(5), to: minuteStart(9) },
    ]);
    const [state] = await db.rows<{ budget_remaining: number; status: string }>('SELECT budget_remaining, status FROM slo_state');
    expect(state).toEqual({ budget_remaining: 1, status: 'ok' });
  });

  it('a minute whose samples reached the store late is judged again, and turns good', async () => {
    const run = startProcess();
    await collectorRuns(20);
    const heldBack = (await run(20)).samples; // the sink held these during a store outage
    for (let m = 21; m <= 22; m++) {
      await collectorRuns(m);
      await write((await run(m)).samples, at(m));
    }
    expect((await slices()).find((s) => s.minute === 20)).toMatchObject({ observed: false });
    await write(heldBack, at(20)); // the store is back: the buffer drains
    await collectorRuns(23);
    await run(23);
    expect((await slices()).find((s) => s.minute === 20)).toMatchObject({ observed: true, good: true, reason: null });
  });
});
