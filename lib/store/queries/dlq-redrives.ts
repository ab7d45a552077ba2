// dlq_redrives: the audit of DLQ redrives, one row per message an admin sent back or was refused.
// Written by the redrive route after the sends, read by the DLQ page.
import { storePool } from '../pool';

export interface DlqRedriveRow {
  dlq: string;
  requestedBy: string;
  requestedAt: Date;
  sourceTopic: string;
  sourcePartition: number;
  sourceOffset: number;
  messageKey: string | null;
  targetTopic: string | null;
  targetPartition: number | null;
  targetOffset: number | null;
  redriveCount: number;
  result: string;
  detail: string | null;
}

export async function insertDlqRedrives(rows: readonly DlqRedriveRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof DlqRedriveRow>(k: K) => rows.map((r) => r[k]);
  await storePool().query(
    `INSERT INTO dlq_redrives (dlq, requested_by, requested_at, source_topic, source_partition, source_offset, message_key,
       target_topic, target_partition, target_offset, redrive_count, result, detail)
     SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::int[], $6::bigint[], $7::text[],
       $8::text[], $9::int[], $10::bigint[], $11::int[], $12::text[], $13::text[])`,
    [
      col('dlq'),
      col('requestedBy'),
      col('requestedAt'),
      col('sourceTopic'),
      col('sourcePartition'),
      col('sourceOffset'),
      col('messageKey'),
      col('targetTopic'),
      col('targetPartition'),
      col('targetOffset'),
      col('redriveCount'),
      col('result'),
      col('detail'),
    ],
  );
}

const COLUMNS = `dlq, requested_by AS "requestedBy", requested_at AS "requestedAt", source_topic AS "sourceTopic",
  source_partition AS "sourcePartition", source_offset::float8 AS "sourceOffset", message_key AS "messageKey",
  target_topic AS "targetTopic", target_partition AS "targetPartition", target_offset::float8 AS "targetOffset",
  redrive_count AS "redriveCount", result, detail`;

/** The newest audit rows of one DLQ, newest first. */
export async function listDlqRedrives(dlq: string, limit: number): Promise<DlqRedriveRow[]> {
  const { rows } = await storePool().query<DlqRedriveRow>(
    `SELECT ${COLUMNS} FROM dlq_redrives WHERE dlq = $1 ORDER BY requested_at DESC, id DESC LIMIT $2`,
    [dlq, limit],
  );
  return rows;
}

/** Every redrive of messages with this key, newest first (the order page: "redriven by alice at 14:10"). */
export async function redrivesOfKey(key: string, limit = 20): Promise<DlqRedriveRow[]> {
  const { rows } = await storePool().query<DlqRedriveRow>(
    `SELECT ${COLUMNS} FROM dlq_redrives WHERE message_key = $1 ORDER BY requested_at DESC, id DESC LIMIT $2`,
    [key, limit],
  );
  return rows;
}
