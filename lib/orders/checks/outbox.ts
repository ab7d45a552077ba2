// Is there an outbox row for this order, and was it sent? Read-only, on the monitored Postgres:
// identifiers from config are quoted, the pasted id is a bound parameter. Ages use the monitored
// database's clock, the one that stamped created_at.
import type { OutboxConfig, PostgresSource } from '@/lib/config';
import { quoteIdent, quoteTable } from '@/lib/sql/identifiers';
import { clockTime, formatDuration } from '../words';
import { checkPool } from './clients';
import type { CheckResult } from './types';

type Outcome = Pick<CheckResult, 'status' | 'summary' | 'phrase'>;

interface Row {
  total: string;
  unsent: string;
  oldest_unsent_age_s: number | null;
  last_sent_at: Date | null;
}

function sql(outbox: OutboxConfig): string {
  const table = quoteTable(outbox.table);
  const id = quoteIdent(outbox.columns.aggregateId);
  if (outbox.layout === 'delete-after-publish') {
    // Every row present is unsent; a published one is gone.
    const created = outbox.columns.createdAt ? quoteIdent(outbox.columns.createdAt) : undefined;
    const age = created ? `EXTRACT(EPOCH FROM now() - min(${created}))::float8` : 'NULL::float8';
    return `SELECT count(*)::text AS total, count(*)::text AS unsent, ${age} AS oldest_unsent_age_s, NULL::timestamptz AS last_sent_at FROM ${table} WHERE ${id} = $1`;
  }
  const created = quoteIdent(outbox.columns.createdAt);
  const sent = quoteIdent(outbox.columns.sentAt);
  return `SELECT count(*)::text AS total, count(*) FILTER (WHERE ${sent} IS NULL)::text AS unsent,
                 EXTRACT(EPOCH FROM now() - min(${created}) FILTER (WHERE ${sent} IS NULL))::float8 AS oldest_unsent_age_s,
                 max(${sent}) AS last_sent_at
            FROM ${table} WHERE ${id} = $1`;
}

export async function checkOutbox(outbox: OutboxConfig, source: PostgresSource, orderId: string): Promise<Outcome> {
  let row: Row | undefined;
  try {
    ({
      rows: [row],
    } = await checkPool(source).query<Row>(sql(outbox), [orderId]));
  } catch (error) {
    // 22P02/22003: the id cannot even be a value of that column (a uuid column, a pasted name).
    const code = (error as { code?: string }).code;
    if (code === '22P02' || code === '22003' || code === '22001') {
      return {
        status: 'absent',
        summary: `No outbox row: "${orderId}" is not a valid ${outbox.columns.aggregateId} value.`,
        phrase: 'no outbox row for this id',
      };
    }
    throw error;
  }
  const total = Number(row?.total ?? 0);
  const unsent = Number(row?.unsent ?? 0);
  if (total === 0) {
    return outbox.layout === 'delete-after-publish'
      ? {
          status: 'absent',
          summary: `No row in ${outbox.table}: published and deleted, or never written.`,
          phrase: 'outbox row gone (published and deleted, or never written)',
        }
      : {
          status: 'absent',
          summary: `No row in ${outbox.table} with ${outbox.columns.aggregateId} = this id.`,
          phrase: 'no outbox row for this id',
        };
  }
  if (unsent > 0) {
    const age = row?.oldest_unsent_age_s == null ? '' : `, oldest waiting ${formatDuration(Math.max(0, row.oldest_unsent_age_s) * 1e6)}`;
    return {
      status: 'found',
      summary: `${unsent} of ${total} outbox row${total === 1 ? '' : 's'} still unsent${age}.`,
      phrase: `outbox row still unsent${age}`,
    };
  }
  const sentAt = row?.last_sent_at ? ` at ${clockTime(row.last_sent_at.getTime() * 1000)}` : '';
  return {
    status: 'found',
    summary: `${total} outbox row${total === 1 ? '' : 's'}, all sent (last${sentAt}).`,
    phrase: `outbox row marked sent${sentAt}, but no publish span arrived`,
  };
}
