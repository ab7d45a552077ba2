// Bulk requests and the classification of their per-item outcomes. The classes decide what an
// indexer should do: `overload` is retryable later, `bad_document` never succeeds on retry.
import type { z } from 'zod';
import type { bulkItemSchema } from './schemas';

export type BulkOperation =
  | { action: 'index' | 'create'; index: string; id?: string; document: Record<string, unknown> }
  /** `document` is the partial document merged into the stored one. */
  | { action: 'update'; index: string; id: string; document: Record<string, unknown> }
  | { action: 'delete'; index: string; id: string };

export type BulkOutcome = 'ok' | 'overload' | 'bad_document' | 'other';

export interface BulkItemResult {
  action: BulkOperation['action'];
  index: string;
  id: string | undefined;
  status: number;
  outcome: BulkOutcome;
  errorType?: string;
  reason?: string;
}

/** OpenSearch and Elasticsearch spell the thread-pool rejection differently. */
const OVERLOAD_TYPES = new Set(['rejected_execution_exception', 'es_rejected_execution_exception']);
/** The document does not fit the mapping; document_parsing_exception is Elasticsearch 8's name for it. */
const BAD_DOCUMENT_TYPES = new Set([
  'mapper_parsing_exception',
  'document_parsing_exception',
  'strict_dynamic_mapping_exception',
  'illegal_argument_exception',
]);

/** Requests beyond this size belong in several bulks; the cap keeps one call's memory bounded. */
export const MAX_BULK_OPERATIONS = 10_000;

export function classifyBulkItem(status: number, errorType: string | undefined): BulkOutcome {
  if (status >= 200 && status < 300 && errorType === undefined) return 'ok';
  if (status === 429 || (errorType !== undefined && OVERLOAD_TYPES.has(errorType))) return 'overload';
  if (status === 400 && errorType !== undefined && BAD_DOCUMENT_TYPES.has(errorType)) return 'bad_document';
  return 'other';
}

export function toNdjson(ops: readonly BulkOperation[]): string {
  const lines: string[] = [];
  for (const op of ops) {
    const meta: Record<string, string> = { _index: op.index };
    if (op.id !== undefined) meta._id = op.id;
    lines.push(JSON.stringify({ [op.action]: meta }));
    if (op.action === 'update') lines.push(JSON.stringify({ doc: op.document }));
    else if (op.action !== 'delete') lines.push(JSON.stringify(op.document));
  }
  // The bulk API requires the final newline.
  return `${lines.join('\n')}\n`;
}

type RawBulkItem = Partial<Record<BulkOperation['action'], z.infer<typeof bulkItemSchema>>>;

export function toBulkItemResult(raw: RawBulkItem): BulkItemResult | undefined {
  const entry = Object.entries(raw)[0];
  if (!entry) return undefined;
  const [action, item] = entry as [BulkOperation['action'], z.infer<typeof bulkItemSchema>];
  const result: BulkItemResult = {
    action,
    index: item._index,
    id: item._id ?? undefined,
    status: item.status,
    outcome: classifyBulkItem(item.status, item.error?.type),
  };
  if (item.error) {
    result.errorType = item.error.type;
    if (item.error.reason) result.reason = item.error.reason;
  } else if (result.outcome !== 'ok' && item.result) {
    result.reason = item.result; // e.g. a delete's "not_found"
  }
  return result;
}
