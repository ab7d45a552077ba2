// Quoting of SQL identifiers that come from the config (outbox tables and columns). The config
// schema already restricts them to letters, digits and "_", so quoting here is defence in depth: an
// identifier is always quoted, never spliced bare, and values never go through this module at all
// (they are bound parameters).
import { TruthflowError } from '../errors';

/** Postgres silently truncates longer names, which could make a query read a different table. */
export const MAX_IDENTIFIER_BYTES = 63;

/** `name` as a quoted identifier, with embedded double quotes doubled: a"b → "a""b". */
export function quoteIdent(name: string): string {
  if (name.length === 0) throw new TruthflowError('config', 'an empty SQL identifier cannot be quoted');
  // NUL ends a C string inside the server: whatever follows it would be ignored or rejected.
  if (name.includes('\0')) throw new TruthflowError('config', 'a SQL identifier cannot contain a NUL character');
  if (Buffer.byteLength(name, 'utf8') > MAX_IDENTIFIER_BYTES) {
    throw new TruthflowError('config', `SQL identifier ${JSON.stringify(name)} is longer than ${MAX_IDENTIFIER_BYTES} bytes`);
  }
  return `"${name.replaceAll('"', '""')}"`;
}

export interface TableName {
  schema?: string;
  table: string;
}

/**
 * Splits a config table name, `table` or `schema.table`. The config pattern allows no dot inside a
 * name, so the first dot is the separator; more than one dot is refused rather than guessed at.
 */
export function parseTableName(qualified: string): TableName {
  const parts = qualified.split('.');
  if (parts.length === 1) return { table: parts[0]! };
  if (parts.length === 2) return { schema: parts[0]!, table: parts[1]! };
  throw new TruthflowError('config', `table ${JSON.stringify(qualified)} has more than one "." (expected table or schema.table)`);
}

/** `"schema"."table"`, or `"table"` (resolved through the search_path) when no schema is given. */
export function quoteTable(name: string | TableName): string {
  const { schema, table } = typeof name === 'string' ? parseTableName(name) : name;
  return schema === undefined ? quoteIdent(table) : `${quoteIdent(schema)}.${quoteIdent(table)}`;
}
