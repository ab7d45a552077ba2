// Outbox collector: per configured outbox table, the unsent backlog (count and oldest age, split by
// aggregate type), rows published per second, and for CDC outboxes the replication slot's lag.
// Read-only toward the monitored database: the pool's sessions are read-only, every transaction
// here says READ ONLY too, identifiers are quoted and values bound (outbox/sql.ts).
//
// Published per second exists only for the marked-sent layout (rows whose sent_at fell between
// the previous run's now() and this one's). For delete-after-publish nothing is emitted: the row
// count's change is inserts minus publishes and the inserts are unknown without CDC; deleted-row
// counters (pg_stat_user_tables.n_tup_del) lag, can be reset, and with Debezium a row is deleted
// right after its insert, long before it is published. A guess would look like a measurement.
import type pg from 'pg';
import type { OutboxConfig } from '@/lib/config';
import { SERIES } from '@/lib/series-names';
import type { JobOutput, Collector, SampleInput } from './types';
import { postgresError } from './outbox/errors';
import { wouldScanWholeTable } from './outbox/plan';
import { describeTable, readOutbox, type BacklogRow, type Reading } from './outbox/read';
import { OTHER_AGGREGATE_TYPE, buildQueries, type OutboxQueries, type TableInfo } from './outbox/sql';

/** The plan is re-checked this often (in runs) so a note disappears once the index is added. */
export const PLAN_RECHECK_RUNS = 30;
const MAX_LABEL_LENGTH = 64;

export interface OutboxState {
  runs: number;
  /** Resolved on the first run; forgotten after a config error so a recreated table is looked up again. */
  table?: TableInfo;
  /** Plan findings, kept between checks so every run's scrape status still shows them. */
  planNotes?: string[];
  planCheckedAtRun?: number;
  previousDbNow?: string;
  /** Aggregate types reported last run: one that drained is reported once as 0, then not at all. */
  previousTypes?: string[];
}

export const outboxCollector: Collector<OutboxConfig, OutboxState> = {
  name: 'outbox',
  targets: (config) => config.outboxes,
  initialState: () => ({ runs: 0 }),
  async collect(ctx) {
    const { target, state } = ctx;
    let client: pg.PoolClient | undefined;
    let measured: { queries: OutboxQueries; reading: Reading };
    try {
      client = await ctx.clients.postgres(target.source).connect();
      state.runs += 1;
      state.table ??= await describeTable(client, target.table);
      const queries = buildQueries(target, state.table);
      const reading = await readOutbox(client, target, queries, state.previousDbNow, ctx.signal);
      if (state.planNotes === undefined || state.runs - (state.planCheckedAtRun ?? 0) >= PLAN_RECHECK_RUNS) {
        state.planNotes = await checkPlans(client, queries, state.table);
        state.planCheckedAtRun = state.runs;
      }
      client.release();
      state.previousDbNow = reading.dbNow;
      measured = { queries, reading };
    } catch (error) {
      // A connection left mid-transaction or broken is closed rather than handed to the next run.
      client?.release(true);
      const failure = postgresError(error, `outbox "${target.name}" (${target.table})`);
      if (failure.kind === 'config') {
        state.table = undefined;
        state.planNotes = undefined;
      }
      throw failure;
    }
    return result(target, state, measured.queries, measured.reading);
  },
};

async function checkPlans(client: pg.PoolClient, queries: OutboxQueries, table: TableInfo): Promise<string[]> {
  // Delete-after-publish: every row is backlog, so reading the whole (small) table is the point.
  if (!queries.published) return [];
  const notes: string[] = [];
  if (await wouldScanWholeTable(client, queries.backlog, table)) {
    notes.push(`backlog query scans the whole table ${queries.qualifiedTable}; add: ${queries.backlogIndexHint}`);
  }
  // The window query runs every interval too; without an index on sent_at it reads every row.
  if (await wouldScanWholeTable(client, queries.published(new Date().toISOString()), table)) {
    notes.push(`published-rate query scans the whole table ${queries.qualifiedTable}; add: ${queries.publishedIndexHint}`);
  }
  return notes;
}

function typeLabel(row: BacklogRow): string {
  if (row.type === null) return OTHER_AGGREGATE_TYPE;
  return row.type === '' ? '(none)' : row.type.slice(0, MAX_LABEL_LENGTH);
}

type Emit = (metric: string, value: number, labels?: Record<string, string>) => void;
/** Created-at stamped by a clock ahead of the database's would give a negative age. */
const clampAge = (a: number | null) => (a === null ? null : Math.max(0, a));
const older = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

/** Per aggregate type; a type that drained since the last run is reported once as 0. */
function typeSamples(rows: BacklogRow[], ageKnown: boolean, state: OutboxState, emit: Emit): void {
  const types = new Map<string, { unsent: number; age: number | null }>();
  for (const row of rows) {
    // Truncating labels may merge two types: sum them and keep the older age.
    const seen = types.get(typeLabel(row)) ?? { unsent: 0, age: null };
    types.set(typeLabel(row), { unsent: seen.unsent + row.unsent, age: older(seen.age, clampAge(row.age)) });
  }
  for (const drained of state.previousTypes ?? []) {
    if (!types.has(drained)) types.set(drained, { unsent: 0, age: ageKnown ? 0 : null });
  }
  for (const [type, v] of types) {
    emit(SERIES.outboxUnsentRows, v.unsent, { aggregate_type: type });
    if (v.age !== null) emit(SERIES.outboxOldestUnsentAgeSeconds, v.age, { aggregate_type: type });
  }
  state.previousTypes = [...types].filter(([, v]) => v.unsent > 0).map(([t]) => t);
}

function result(target: OutboxConfig, state: OutboxState, queries: OutboxQueries, reading: Reading): JobOutput {
  const outbox = target.name;
  const samples: SampleInput[] = [];
  const emit: Emit = (metric, value, labels = {}) => samples.push({ metric, value, labels: { outbox, ...labels } });

  const unsent = reading.backlog.reduce((sum, r) => sum + r.unsent, 0);
  // An empty backlog has waited for nothing: 0 s is a measurement here, not a stand-in for unknown.
  const oldest = reading.backlog.reduce<number | null>((a, r) => older(a, clampAge(r.age)), null) ?? (queries.ageKnown ? 0 : null);
  emit(SERIES.outboxUnsentRows, unsent);
  if (oldest !== null) emit(SERIES.outboxOldestUnsentAgeSeconds, oldest);
  if (queries.splitByType) typeSamples(reading.backlog, queries.ageKnown, state, emit);

  const parts = [`${unsent} unsent`, oldest === null ? 'oldest age unknown' : `oldest ${oldest.toFixed(1)} s`];
  const { published } = reading;
  if (published && published.elapsedSeconds > 0) {
    const rate = published.rows / published.elapsedSeconds;
    emit(SERIES.outboxPublishedPerSecond, rate);
    parts.push(`${rate.toFixed(2)} published/s`);
  }
  const notes = [...(state.planNotes ?? [])];
  if (!queries.ageKnown) notes.push(`oldest unsent age unknown: outbox "${outbox}" has no createdAt column configured`);
  if (target.layout === 'delete-after-publish' && reading.slotLagBytes !== undefined) {
    if (reading.slotLagBytes === null) {
      notes.push(`replication slot "${target.replicationSlot}" not found or holds no position; slot lag unknown`);
    } else {
      emit(SERIES.outboxReplicationSlotLagBytes, reading.slotLagBytes);
      parts.push(`slot lag ${reading.slotLagBytes} B`);
    }
  }
  return { samples, summary: parts.join(', '), notes: notes.length ? notes : undefined };
}
