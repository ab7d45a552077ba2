// Would a query read the whole outbox table? Asked of the planner with EXPLAIN (never executed).
// A small table makes the planner prefer a sequential scan even when a fitting index exists, so
// the question is put with enable_seqscan off: then a Seq Scan in the plan means no index path
// exists at all. Disabling it can also push the planner to a full scan of an unrelated index (the
// primary key, with a filter), which reads the whole table just the same, so that counts too.
import type pg from 'pg';
import { z } from 'zod';
import { TruthflowError } from '@/lib/errors';
import { withTransaction } from '@/lib/sql/transaction';
import type { Query, TableInfo } from './sql';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Schema?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

const planNode: z.ZodType<PlanNode> = z.lazy(() =>
  z.looseObject({
    'Node Type': z.string(),
    'Relation Name': z.string().optional(),
    Schema: z.string().optional(),
    'Index Name': z.string().optional(),
    'Index Cond': z.string().optional(),
    Plans: z.array(planNode).optional(),
  }),
);
const explainSchema = z.tuple([z.looseObject({ Plan: planNode })]);

const INDEXES_SQL = `
  SELECT c.relname AS name, i.indpred IS NOT NULL AS partial
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = $1::oid`;

interface IndexInfo {
  name: string;
  partial: boolean;
}

/** True when some node of the plan reads every row of the table. */
export function scansWholeTable(node: PlanNode, table: TableInfo, indexes: readonly IndexInfo[]): boolean {
  const onTable = node['Relation Name'] === table.table && (node.Schema === undefined || node.Schema === table.schema);
  if (node['Node Type'] === 'Seq Scan' && onTable) return true;
  const index = indexes.find((i) => i.name === node['Index Name']);
  // A partial index holds only the rows its predicate selects, so scanning all of it is fine.
  if (index && !index.partial && node['Index Cond'] === undefined) return true;
  return (node.Plans ?? []).some((child) => scansWholeTable(child, table, indexes));
}

export async function wouldScanWholeTable(client: pg.PoolClient, query: Query, table: TableInfo): Promise<boolean> {
  // Its own read-only transaction: SET LOCAL ends with it and must not leak into the measuring queries.
  return withTransaction(
    client,
    async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      const explained = await tx.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (VERBOSE, FORMAT JSON) ${query.text}`, query.values);
      const parsed = explainSchema.safeParse(explained.rows[0]?.['QUERY PLAN']);
      if (!parsed.success)
        throw new TruthflowError('parse', `EXPLAIN output not understood: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      const indexes = await tx.query<IndexInfo>(INDEXES_SQL, [table.oid]);
      return scansWholeTable(parsed.data[0].Plan, table, indexes.rows);
    },
    { readOnly: true },
  );
}
