// node --import tsx scripts/bench-lag-assess.ts — the CPU the kafka-lag collector spends on one
// snapshot once the offsets are in: recordEndOffsets, partitionLagsOf + assessGroup for every
// group, forgetUnseen, worstPositions (exactLagPartitions 0, and the default 3 with the remembered
// message times applied, as collectors/kafka-lag/exact.ts does), snapshotRowsOf, samplesOf and
// summaryOf. No Kafka, no Postgres: 50,000 synthetic groups × 4 partitions over 200 topics, in
// this process, over several consecutive runs whose offsets move so the verdict windows change.
// Each phase prints wall, CPU and GC ms for the current code ("new") and a frozen copy of the old
// (bench-lag-assess-baseline*.ts), in this one run; the steady state is what a collector lives
// in. Both must produce the same rows, samples, summary and positions every run, or it fails.
// BENCH_RUNS (default 12) and BENCH_GROUPS (default 50,000) change the size; BENCH_ONLY=new skips
// the old code (for a CPU profile: node --cpu-prof --import tsx scripts/bench-lag-assess.ts).
import { createHash } from 'node:crypto';
import { PerformanceObserver } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { applyMessageTimes, rememberedTimes, rememberTimes, worstPositions, type Position } from '@/lib/kafka/exact-lag';
import { assessGroupOffsets, createLagState, forgetUnseen, positionKey, recordEndOffsets } from '@/lib/kafka/lag-state';
import type { GroupOffsets } from '@/lib/kafka/offsets';
import { samplesOf, snapshotRowsOf, summaryOf, type GroupReport } from '@/lib/kafka/report';
import * as oldState from './bench-lag-assess-baseline';
import * as oldRows from './bench-lag-assess-baseline-rows';
const old = { ...oldState, ...oldRows };

const GROUPS = Number(process.env.BENCH_GROUPS ?? 50_000);
/** Enough for the verdict windows (ten distinct commits) to fill, as they are on a collector that has run a while. */
const RUNS = Number(process.env.BENCH_RUNS ?? 12);
const TOPICS = 200;
const PARTITIONS = 4;
const INTERVAL_MS = 30_000;
const DEFAULT_EXACT_PARTITIONS = 3;
/** The configured consumers' groups: the ones worstPositions ranks first. */
const CONFIGURED = new Set(Array.from({ length: 20 }, (_, g) => groupName(g * 7)));

function groupName(g: number): string {
  return `shop-service-${g}-consumer`;
}
const topicName = (t: number) => `shop.events.topic-${t}`;
/**
 * A name as the Kafka client hands it over: decoded from the response, a new flat string each
 * run. (A template literal makes a rope, which the first Map lookup would flatten: a cost the
 * collector never pays.)
 */
const decoded = (name: string) => Buffer.from(name).toString();
const endOffset = (t: number, p: number, run: number) => 1_000_000 + t * 1000 + p * 10 + run * (50 + ((t * 7 + p * 13) % 100));

/**
 * A mix of consumers, so every verdict and every branch is hit: a tenth stuck at one offset
 * (STOP/STALL after five minutes), a tenth caught up, a tenth with an uncommitted partition, the
 * rest following with a lag of their own; some read a second topic, a few must report one more.
 */
function committedOffset(g: number, t: number, p: number, run: number): number | null {
  const kind = g % 10;
  if (kind === 0) return endOffset(t, p, 0) - 500;
  if (kind === 1) return endOffset(t, p, run);
  if (kind === 2 && p === PARTITIONS - 1) return null;
  return Math.max(0, endOffset(t, p, run) - ((g * 31 + p * 17 + run * (g % 3)) % 5000));
}

function groupsAt(run: number): GroupOffsets[] {
  return Array.from({ length: GROUPS }, (_, g): GroupOffsets => {
    const topics = g % 50 === 0 ? [g % TOPICS, (g + 1) % TOPICS] : [g % TOPICS];
    const committed = new Map<string, Map<number, number>>();
    for (const t of topics) {
      const partitions = new Map<number, number>();
      for (let p = 0; p < PARTITIONS; p++) {
        const offset = committedOffset(g, t, p, run);
        if (offset !== null) partitions.set(p, offset);
      }
      committed.set(decoded(topicName(t)), partitions);
    }
    const members = g % 97 === 0 ? null : g % 5 === 0 ? 0 : 3;
    const requiredTopics = g % 1000 === 0 ? [topicName((g + 2) % TOPICS)] : [];
    return { groupId: decoded(groupName(g)), state: members ? 'Stable' : 'Empty', members, listed: true, committed, requiredTopics };
  });
}

function endOffsetsAt(run: number): Map<string, Map<number, number>> {
  const ends = new Map<string, Map<number, number>>();
  for (let t = 0; t < TOPICS; t++)
    ends.set(decoded(topicName(t)), new Map(Array.from({ length: PARTITIONS }, (_, p) => [p, endOffset(t, p, run)])));
  return ends;
}

interface Input {
  groups: GroupOffsets[];
  endOffsets: Map<string, Map<number, number>>;
  now: number;
}

const inputAt = (run: number): Input => ({
  groups: groupsAt(run),
  endOffsets: endOffsetsAt(run),
  now: Date.UTC(2026, 0, 1) + run * INTERVAL_MS,
});

/** One implementation's run, phase by phase; each phase is timed on its own. */
interface Implementation {
  name: string;
  phases: Record<string, (input: Input) => void>;
  /** What the run produced, to compare the two implementations by. */
  output(): Output;
  /** Drops the run's reports and output, as the collector does once the snapshot is written. */
  drop(): void;
}

interface Output {
  summary: string;
  samples: unknown[];
  rows: { groups: unknown[]; partitions: unknown[] };
  positions: Position[];
}

/** Messages the exact read would have found: a fixed age, so both implementations apply the same. */
const pretendRead = (positions: readonly Position[], now: number) => new Map(positions.map((p) => [positionKey(p), now - 90_000]));

function current(): Implementation {
  const state = createLagState();
  let reports: GroupReport[] = [];
  const out = {} as Output;
  return {
    name: 'new',
    phases: {
      'recordEndOffsets + assessGroup': ({ groups, endOffsets, now }) => {
        recordEndOffsets(state, endOffsets, now);
        reports = groups.map((group) => ({ group, assessment: assessGroupOffsets(state, group, endOffsets, now) }));
      },
      forgetUnseen: ({ now }) => forgetUnseen(state, now),
      'worstPositions (0)': () => void worstPositions(reports, 0, CONFIGURED),
      'worstPositions (3)': () => void (out.positions = worstPositions(reports, DEFAULT_EXACT_PARTITIONS, CONFIGURED)),
      'remembered times + applyMessageTimes': ({ now }) => {
        const times = rememberedTimes(state, out.positions, now);
        const read = pretendRead(
          out.positions.filter((p) => !times.has(positionKey(p))),
          now,
        );
        rememberTimes(state, read, now);
        applyMessageTimes(reports, new Map([...times, ...read]), now);
      },
      snapshotRowsOf: () => void (out.rows = snapshotRowsOf(reports)),
      samplesOf: () => void (out.samples = samplesOf('bench', reports)),
      summaryOf: () => void (out.summary = summaryOf(reports)),
    },
    output: () => out,
    drop: () => {
      reports = [];
      Object.assign(out, { samples: [], rows: { groups: [], partitions: [] }, positions: [] });
    },
  };
}

function baseline(): Implementation {
  const state = old.oldCreateLagState();
  let reports: GroupReport[] = [];
  const out = {} as Output;
  return {
    name: 'old',
    phases: {
      'recordEndOffsets + assessGroup': ({ groups, endOffsets, now }) => {
        old.oldRecordEndOffsets(state, endOffsets, now);
        reports = groups.map((group) => ({
          group,
          assessment: old.oldAssessGroup(state, group.groupId, group.members, old.oldPartitionLagsOf(group, endOffsets), now),
        }));
      },
      forgetUnseen: ({ now }) => old.oldForgetUnseen(state, now),
      'worstPositions (0)': () => void old.oldWorstPositions(reports, 0, CONFIGURED),
      'worstPositions (3)': () => void (out.positions = old.oldWorstPositions(reports, DEFAULT_EXACT_PARTITIONS, CONFIGURED)),
      'remembered times + applyMessageTimes': ({ now }) => {
        const times = old.oldRememberedTimes(state, out.positions, now);
        const read = pretendRead(
          out.positions.filter((p) => !times.has(positionKey(p))),
          now,
        );
        for (const [key, value] of read) state.messageTimes.set(key, { value, seenAt: now });
        old.oldApplyMessageTimes(reports, new Map([...times, ...read]), now);
      },
      snapshotRowsOf: () => void (out.rows = old.oldSnapshotRowsOf(reports)),
      samplesOf: () => void (out.samples = old.oldSamplesOf('bench', reports)),
      summaryOf: () => void (out.summary = old.oldSummaryOf(reports)),
    },
    output: () => out,
    drop: () => {
      reports = [];
      Object.assign(out, { samples: [], rows: { groups: [], partitions: [] }, positions: [] });
    },
  };
}

interface PhaseCost {
  wall: number;
  cpu: number;
  gc: number;
}
type RunCost = Record<string, PhaseCost>;

// GC pauses are reported asynchronously; each is later charged to the phase it started in.
const gcPauses: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => gcPauses.push(...list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration })))).observe({
  entryTypes: ['gc'],
});
// A full collection between runs (outside the timing), so a run pays for its own garbage only.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

async function timeRun(impl: Implementation, input: Input): Promise<RunCost> {
  collectGarbage();
  await settle();
  gcPauses.length = 0;
  const spans: { name: string; start: number; end: number; cpu: number }[] = [];
  for (const [name, phase] of Object.entries(impl.phases)) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    phase(input);
    const used = process.cpuUsage(cpu);
    spans.push({ name, start, end: performance.now(), cpu: (used.user + used.system) / 1000 });
  }
  await settle();
  const cost: RunCost = {};
  for (const s of spans) {
    const gc = gcPauses.filter((p) => p.start >= s.start && p.start < s.end).reduce((sum, p) => sum + p.duration, 0);
    cost[s.name] = { wall: s.end - s.start, cpu: s.cpu, gc };
  }
  return cost;
}

/** A digest of everything the run produced, so 200,000 rows compare without being kept. */
function digestOf(out: Output): string {
  const hash = createHash('sha256');
  hash.update(out.summary);
  hash.update(JSON.stringify(out.positions));
  for (const s of out.samples) hash.update(JSON.stringify(s));
  for (const g of out.rows.groups) hash.update(JSON.stringify(g));
  for (const p of out.rows.partitions) hash.update(JSON.stringify(p));
  return hash.digest('hex');
}

const total = (run: RunCost, key: keyof PhaseCost) => Object.values(run).reduce((sum, c) => sum + c[key], 0);
const ms = (n: number) => `${n.toFixed(1)}`.padStart(8);

async function runAll(impl: Implementation, digests: string[]): Promise<RunCost[]> {
  const runs: RunCost[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Built afresh each run, as the collector's fetch does: only one run's offsets are alive at a time.
    const cost = await timeRun(impl, inputAt(i));
    runs.push(cost);
    const digest = digestOf(impl.output());
    const summary = impl.output().summary;
    const heapMb = process.memoryUsage().heapUsed / 2 ** 20; // state, this run's output, and garbage
    impl.drop();
    if (digests[i] !== undefined && digests[i] !== digest) throw new Error(`run ${i + 1}: ${impl.name} output differs from the other`);
    digests[i] = digest;
    console.log(
      `${impl.name} run ${i + 1}: ${ms(total(cost, 'wall'))} ms wall ${ms(total(cost, 'cpu'))} ms cpu ${ms(total(cost, 'gc'))} ms gc` +
        `   heap ${heapMb.toFixed(0)} MB   ${summary}`,
    );
  }
  return runs;
}

/** Over the steady-state runs (the second on; the first builds every window): the mean, or the best. */
function steady(runs: RunCost[], phase: string, key: keyof PhaseCost, of: 'mean' | 'best' = 'mean'): number {
  const values = runs.slice(1).map((r) => (phase === 'total' ? total(r, key) : r[phase]![key]));
  return of === 'best' ? Math.min(...values) : values.reduce((sum, v) => sum + v, 0) / values.length;
}

// The best run is printed beside the mean because a shared machine's other work lands on a few runs.
function report(oldRuns: RunCost[], newRuns: RunCost[]): void {
  const columns = ['old', 'new', 'new/old', 'old', 'new', 'old', 'new', 'old', 'new'];
  const groups = ['wall (mean)', '', 'wall (best)', 'cpu (mean)', 'gc (mean)'].map((g, i) => g.padStart(i === 1 ? 8 : 16)).join('');
  console.log(`\n${`runs 2–${RUNS}, ms`.padEnd(36)}${groups}`);
  console.log(`${''.padEnd(36)}${columns.map((c) => c.padStart(8)).join('')}`);
  for (const phase of [...Object.keys(newRuns[0]!), 'total']) {
    const [ow, nw] = [steady(oldRuns, phase, 'wall'), steady(newRuns, phase, 'wall')];
    const ratio = ow > 0 ? `${(nw / ow).toFixed(2)}`.padStart(8) : '       -';
    const pair = (key: keyof PhaseCost, of: 'mean' | 'best' = 'mean') =>
      ms(steady(oldRuns, phase, key, of)) + ms(steady(newRuns, phase, key, of));
    console.log(`${phase.padEnd(36)}${ms(ow)}${ms(nw)}${ratio}${pair('wall', 'best')}${pair('cpu')}${pair('gc')}`);
  }
  const first = (runs: RunCost[]) => ms(total(runs[0]!, 'wall'));
  console.log(`first run (builds every window), total wall: old ${first(oldRuns)} ms, new ${first(newRuns)} ms`);
}

/** BENCH_ONLY=new: each run's phases, wall ms (GC ms), to see where the time goes while changing the code. */
function perRun(runs: RunCost[]): void {
  console.table(runs.map((r) => Object.fromEntries(Object.entries(r).map(([k, c]) => [k, `${c.wall.toFixed(0)} (${c.gc.toFixed(0)})`]))));
}

async function main(): Promise<void> {
  console.log(`${RUNS} runs of ${GROUPS} groups × ${PARTITIONS} partitions over ${TOPICS} topics, ${INTERVAL_MS / 1000} s apart`);
  const digests: string[] = [];
  // Old first, then new, each with its own state; a full GC before every run keeps them apart.
  const oldRuns = process.env.BENCH_ONLY === 'new' ? [] : await runAll(baseline(), digests);
  const newRuns = await runAll(current(), digests);
  if (oldRuns.length === 0) return perRun(newRuns);
  console.log(`\nsame snapshot rows, samples, summary and exact-lag positions in all ${RUNS} runs`);
  report(oldRuns, newRuns);
}

await main();
