// The runner's one writer against a real store: snapshots a collector returns are written (or
// become a scrape note when the store refuses them, while the samples still arrive), and an
// evaluator runs under the same runner with a store-only context.
import { describe, expect, it } from 'vitest';
import { newRunner, rows, unique, until, useRunnerStore } from '@/e2e/fixtures/runner-store';
import type { ConsumerGroupRow, ConsumerPartitionRow } from '@/lib/store/queries/consumer-snapshots';
import type { AnyCollector, AnyEvaluator } from '../types';

describe('job output', () => {
  useRunnerStore();

  it('writes returned snapshots; a snapshot that cannot be written becomes a note and the samples still arrive', async () => {
    const group = (groupId: string, state: string): ConsumerGroupRow => ({
      groupId,
      state,
      members: 1,
      topics: ['orders'],
      lagMessages: 3,
      lagSeconds: null,
      verdict: 'OK',
      worstPartition: null,
      windowComplete: null,
    });
    const partition = (groupId: string): ConsumerPartitionRow => ({
      groupId,
      topic: 'orders',
      partition: 0,
      committedOffset: 7,
      endOffset: 10,
      lagMessages: 3,
      lagSeconds: null,
      lagSecondsKind: null,
      verdict: 'OK',
    });
    /** Reports one consumer group; `broken` makes the store refuse the snapshot (a NOT NULL column left null). */
    const lagLike = (name: string, broken: boolean): AnyCollector => ({
      name,
      targets: () => [{ name: `${name}-cluster` }],
      initialState: () => undefined,
      collect: async (ctx) => ({
        samples: [{ metric: `${name}_lag`, labels: {}, value: 3 }],
        snapshots: [
          {
            kind: 'consumer-groups',
            cluster: ctx.target.name,
            at: ctx.now(),
            groups: [group('g1', broken ? (null as unknown as string) : 'Stable')],
            partitions: [partition('g1')],
          },
        ],
        summary: '1 group',
        notes: ['a note of its own'],
      }),
    });
    const good = lagLike(`${unique}-snap-ok`, false);
    const bad = lagLike(`${unique}-snap-bad`, true);
    const { stop } = newRunner([good, bad]);
    const samplesOf = (name: string) =>
      rows(`SELECT 1 FROM series s JOIN samples p ON p.series_id = s.id WHERE s.metric = $1`, [`${name}_lag`]);
    await until('samples of both jobs', async () => (await samplesOf(good.name)).length >= 1 && (await samplesOf(bad.name)).length >= 1);
    await until(
      'scrape status of both jobs',
      async () => (await rows(`SELECT 1 FROM scrape_status WHERE collector IN ($1, $2)`, [good.name, bad.name])).length === 2,
    );
    await stop();

    expect(
      await rows(`SELECT group_id, state, partition_topics, partition_numbers FROM consumer_groups WHERE cluster = $1`, [
        `${good.name}-cluster`,
      ]),
    ).toEqual([{ group_id: 'g1', state: 'Stable', partition_topics: ['orders'], partition_numbers: [0] }]);
    expect(await rows(`SELECT 1 FROM consumer_groups WHERE cluster = $1`, [`${bad.name}-cluster`])).toHaveLength(0);
    const status = await rows<{ collector: string; last_error_kind: string | null; notes: string[] }>(
      'SELECT collector, last_error_kind, notes FROM scrape_status WHERE collector IN ($1, $2) ORDER BY collector',
      [good.name, bad.name],
    );
    const byName = new Map(status.map((s) => [s.collector, s]));
    expect(byName.get(good.name)).toMatchObject({ last_error_kind: null, notes: ['a note of its own'] });
    // The run still succeeded: its samples are good; only the snapshot is behind, and the note says why.
    expect(byName.get(bad.name)!.last_error_kind).toBeNull();
    expect(byName.get(bad.name)!.notes).toEqual([
      'a note of its own',
      expect.stringMatching(/^consumer snapshot not written \(store unreachable\?\): .*null value/),
    ]);
  });

  it('runs evaluators under the same runner: store-only context, samples written, scrape status recorded', async () => {
    const seen: { hasClients: boolean; aborted: boolean }[] = [];
    const evaluator: AnyEvaluator = {
      name: `${unique}-evaluator`,
      targets: () => [{ name: 'feature/slo' }],
      initialState: () => ({ runs: 0 }),
      async evaluate(ctx) {
        seen.push({ hasClients: 'clients' in ctx, aborted: ctx.signal.aborted });
        ctx.state.runs += 1;
        const [row] = await rows<{ epoch: number }>('SELECT extract(epoch FROM now())::float8 AS epoch');
        return {
          samples: [{ metric: `${unique}_evaluated`, labels: { run: String(ctx.state.runs) }, value: row!.epoch }],
          summary: 'judged',
        };
      },
    };
    const { stop, runner } = newRunner([], undefined, [evaluator]);
    expect(runner.jobKeys()).toEqual([`${evaluator.name}/feature/slo`]);
    await until(
      'samples of the evaluator',
      async () =>
        (await rows(`SELECT 1 FROM series s JOIN samples p ON p.series_id = s.id WHERE s.metric = $1`, [`${unique}_evaluated`])).length >=
        2,
    );
    await stop();
    expect(seen.every((s) => !s.hasClients && !s.aborted)).toBe(true);
    const [status] = await rows<{ last_error_kind: string | null; consecutive_failures: number }>(
      'SELECT last_error_kind, consecutive_failures FROM scrape_status WHERE collector = $1 AND source = $2',
      [evaluator.name, 'feature/slo'],
    );
    expect(status).toEqual({ last_error_kind: null, consecutive_failures: 0 });
  });
});
