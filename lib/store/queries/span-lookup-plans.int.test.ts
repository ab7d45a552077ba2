// The order lookup is a point query by construction, not by the planner's mood: every statement
// it runs is explained against a store the planner believes holds ~10 M spans, and every table
// access must be an index read with an Index Cond (no Seq Scan, no walk of a whole index). The
// old reverse-link statement is kept below as a negative control: it must fail the same check,
// or the check proves nothing.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '@/e2e/fixtures/scratch-db';
import { migrate } from '@/lib/store/migrate';
import { generateOrders } from '@/scripts/bench-traces/data';
import { FIND_KEY_HITS } from './span-keys';
import { LOOKUP_BY_KEY, LOOKUP_BY_TRACES } from './span-lookup';

/** Real rows: enough for real statistics (histograms, distinct counts, correlations)… */
const ORDERS = 50_000;
/** …then pg_class says there are this many times more, so the planner costs a ~10 M-span store. */
const SCALE = 50;
const KEYS = ['order_id', 'order.id', 'app.order_id', 'event_id', 'messaging.message.id'];

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

const TABLE_SCANS = new Set(['Seq Scan', 'Sample Scan', 'Tid Range Scan']);
const INDEX_SCANS = new Set(['Index Scan', 'Index Only Scan', 'Bitmap Index Scan']);

/** Every table access that is not a bounded index read, in words ("Seq Scan on spans"). */
function unboundedReads(node: PlanNode): string[] {
  const here: string[] = [];
  if (TABLE_SCANS.has(node['Node Type'])) here.push(`${node['Node Type']} on ${node['Relation Name']}`);
  if (INDEX_SCANS.has(node['Node Type']) && !node['Index Cond'])
    here.push(`${node['Node Type']} using ${node['Index Name']} without Index Cond (walks the whole index)`);
  return [...here, ...(node.Plans ?? []).flatMap(unboundedReads)];
}

// The reverse-link statement of the lookup before span_links existed (with the partial GIN index it
// relied on, recreated below for it). At 8.76 M spans the planner walked spans_pkey in order to
// satisfy DISTINCT … LIMIT and filtered the overlap row by row: 29 s for one order.
const OLD_TRACES_LINKING_TO_KEYED = `SELECT DISTINCT trace_id FROM spans
  WHERE linked_trace_ids && ARRAY(SELECT k.trace_id::text FROM (
          SELECT DISTINCT trace_id FROM span_keys WHERE key_value = $1 AND key_name = ANY($2::text[]) LIMIT $3) k)
    AND cardinality(linked_trace_ids) > 0
  LIMIT $4`;
const OLD_GIN_INDEX = `CREATE INDEX IF NOT EXISTS spans_linked_trace_ids_idx ON spans USING GIN (linked_trace_ids)
  WHERE cardinality(linked_trace_ids) > 0`;

const TABLES = ['spans', 'span_keys', 'span_links'];
let realRows: Map<string, number>;

// The planner scales reltuples by the relation's current size in pages, so multiplying it
// multiplies every row estimate; the column statistics (distinct counts as fractions, histograms)
// stay those of the real rows. CREATE INDEX writes the real count back, hence a function.
async function pinStatistics(): Promise<void> {
  for (const [table, rows] of realRows) {
    await client.query(`UPDATE pg_class SET reltuples = $1 WHERE relname = $2`, [rows * SCALE, table]);
  }
}

let db: ScratchDatabase;
let client: pg.Client;
let traceIds: string[];

beforeAll(async () => {
  db = await createScratchDatabase('span_plans');
  await migrate(db.url);
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await generateOrders(client, ORDERS);
  // Pinned: an autovacuum ANALYZE during the test would put the real (small) counts back.
  for (const t of TABLES) await client.query(`ALTER TABLE ${t} SET (autovacuum_enabled = false)`);
  const { rows: counted } = await client.query<{ relname: string; reltuples: number }>(
    `SELECT relname, reltuples FROM pg_class WHERE relname = ANY($1::name[])`,
    [TABLES],
  );
  realRows = new Map(counted.map((r) => [r.relname, r.reltuples]));
  await pinStatistics();
  const { rows } = await client.query<{ t: string }>(`SELECT md5('a' || g) AS t FROM generate_series(1, 20) g`);
  traceIds = rows.map((r) => r.t);
});
afterAll(async () => {
  await client?.end();
  await db?.drop();
});

async function explain(sql: string, params: unknown[], generic = false): Promise<PlanNode> {
  await client.query(`SET plan_cache_mode = ${generic ? 'force_generic_plan' : 'auto'}`);
  await client.query('DEALLOCATE ALL');
  // PREPARE + EXPLAIN EXECUTE: the generic plan is the one a prepared statement may settle on,
  // planned without the parameters' values; the custom one is what an unnamed statement gets.
  await client.query(`PREPARE lookup AS ${sql}`);
  const literal = params.map((p) => client.escapeLiteral(Array.isArray(p) ? `{${p.join(',')}}` : String(p)));
  const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
    `EXPLAIN (FORMAT JSON) EXECUTE lookup${literal.length ? `(${literal.join(', ')})` : ''}`,
  );
  return rows[0]!['QUERY PLAN'][0].Plan;
}

const LOOKUPS: [name: string, sql: string, params: () => unknown[]][] = [
  ['lookupByKey', LOOKUP_BY_KEY, () => ['O-4242', KEYS, 1000, 200, 2001, 50]],
  ['lookupByTraces', LOOKUP_BY_TRACES, () => [traceIds, 2001, 50]],
  ['findKeyHits', FIND_KEY_HITS, () => ['O-4242', KEYS, 1000]],
];

describe('order lookup plans at ~10 M spans', () => {
  it('the planner believes the store holds millions of spans', async () => {
    const { rows } = await client.query<{ reltuples: number }>(`SELECT reltuples FROM pg_class WHERE relname = 'spans'`);
    expect(rows[0]!.reltuples).toBeGreaterThanOrEqual(ORDERS * 4 * SCALE * 0.9);
    const plan = await explain('SELECT count(*) FROM spans', []);
    expect(JSON.stringify(plan)).toMatch(/"Plan Rows":\s*\d{7,}/);
  });

  it.each(LOOKUPS)('%s reads only through index conditions (custom and generic plans)', async (_name, sql, params) => {
    for (const generic of [false, true]) {
      const plan = await explain(sql, params(), generic);
      expect(unboundedReads(plan), `${generic ? 'generic' : 'custom'} plan: ${JSON.stringify(plan)}`).toEqual([]);
    }
  });

  it('flags the old reverse-link statement, which walked a whole index (negative control)', async () => {
    await client.query(OLD_GIN_INDEX);
    await pinStatistics();
    try {
      const plan = await explain(OLD_TRACES_LINKING_TO_KEYED, ['O-4242', KEYS, 200, 200]);
      // The shape measured in production: spans_pkey walked in order, the overlap a row filter.
      expect(unboundedReads(plan)).toContain('Index Scan using spans_pkey without Index Cond (walks the whole index)');
    } finally {
      await client.query('DROP INDEX spans_linked_trace_ids_idx');
    }
  });

  it('the check itself sees a plain table scan', async () => {
    const plan = await explain(`SELECT trace_id FROM spans WHERE name = $1`, ['POST /orders']);
    expect(unboundedReads(plan)).toEqual(['Seq Scan on spans']);
  });
});
