// Proves prisma/schema.prisma and the applied migrations agree: every model is a table, every
// field a column with the type, nullability and primary key Prisma expects. Prisma's own
// `migrate diff` needs its native engine; the schema's DMMF comes from Prisma's WASM build instead.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import prismaSchemaWasm from '@prisma/prisma-schema-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '@/e2e/fixtures/scratch-db';
import { migrate } from './migrate';

interface DmmfField {
  name: string;
  dbName: string | null;
  kind: string;
  type: string;
  isRequired: boolean;
  isId: boolean;
  isList: boolean;
  nativeType: [string, string[]] | null;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { fields: string[] } | null;
}

function loadModels(): DmmfModel[] {
  const schema = readFileSync('prisma/schema.prisma', 'utf8');
  const dmmf = JSON.parse(prismaSchemaWasm.get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', schema]] })));
  return dmmf.datamodel.models as DmmfModel[];
}

/** The PostgreSQL column type Prisma creates for a scalar field (its documented default mapping). */
function expectedPgType(field: DmmfField): string {
  if (field.isList) return `${expectedPgType({ ...field, isList: false })}[]`;
  const [native, args] = field.nativeType ?? [null, []];
  if (native === 'Char') return `character(${args[0]})`;
  if (native === 'SmallInt') return 'smallint';
  if (native === 'Timestamptz') return `timestamp with time zone(${args[0] ?? 6})`;
  const defaults: Record<string, string> = {
    String: 'text',
    Int: 'integer',
    BigInt: 'bigint',
    Float: 'double precision',
    Boolean: 'boolean',
    DateTime: 'timestamp without time zone(3)',
    Json: 'jsonb',
    Bytes: 'bytea',
  };
  if (native || !defaults[field.type]) throw new Error(`test does not know the mapping of ${field.name}: ${field.type} ${native}`);
  return defaults[field.type]!;
}

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  character_maximum_length: number | null;
  datetime_precision: number | null;
  is_nullable: 'YES' | 'NO';
}

// Array columns report data_type ARRAY and their element type as udt_name with a leading underscore.
const ARRAY_ELEMENT: Record<string, string> = { _text: 'text', _int4: 'integer', _int8: 'bigint', _float8: 'double precision' };

function actualPgType(c: ColumnRow): string {
  if (c.data_type === 'ARRAY') return `${ARRAY_ELEMENT[c.udt_name] ?? c.udt_name}[]`;
  if (c.data_type === 'character') return `character(${c.character_maximum_length})`;
  if (c.data_type.startsWith('timestamp')) return `${c.data_type}(${c.datetime_precision})`;
  return c.data_type;
}

describe('Prisma schema vs applied migrations', () => {
  let db: ScratchDatabase;
  let columns: ColumnRow[];
  let primaryKeys: Map<string, string[]>;

  beforeAll(async () => {
    db = await createScratchDatabase('schema');
    await migrate(db.url);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      columns = (
        await client.query<ColumnRow>(
          `SELECT table_name, column_name, data_type, udt_name, character_maximum_length, datetime_precision, is_nullable
             FROM information_schema.columns WHERE table_schema = 'public'`,
        )
      ).rows;
      const pk = await client.query<{ table_name: string; columns: string[] }>(
        `SELECT c.relname AS table_name, array_agg(a.attname::text ORDER BY k.ord) AS columns
           FROM pg_constraint con
           JOIN pg_class c ON c.oid = con.conrelid
           JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
           CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
          WHERE con.contype = 'p'
          GROUP BY c.relname`,
      );
      primaryKeys = new Map(pk.rows.map((r) => [r.table_name, r.columns]));
    } finally {
      await client.end();
    }
  });
  afterAll(async () => {
    await db?.drop();
  });

  const models = loadModels();

  it('reads the models from schema.prisma', () => {
    expect(models.map((m) => m.name)).toEqual(
      expect.arrayContaining(['Series', 'Sample', 'ScrapeStatus', 'Span', 'SpanKey', 'SloState', 'SloSlice', 'Alert', 'ConsumerGroup']),
    );
  });

  it.each(models.map((m) => [m.name, m] as const))('model %s matches its table', (_name, model) => {
    const table = model.dbName ?? model.name;
    const tableColumns = columns.filter((c) => c.table_name === table);
    expect(tableColumns.length, `table ${table} exists`).toBeGreaterThan(0);

    const scalarFields = model.fields.filter((f) => f.kind === 'scalar');
    for (const field of scalarFields) {
      const columnName = field.dbName ?? field.name;
      const column = tableColumns.find((c) => c.column_name === columnName);
      expect(column, `${table}.${columnName} exists`).toBeDefined();
      expect(actualPgType(column!), `${table}.${columnName} type`).toBe(expectedPgType(field));
      // Prisma creates list columns nullable and treats them as required (an empty list), so skip those.
      if (!field.isList) {
        expect(column!.is_nullable, `${table}.${columnName} nullability`).toBe(field.isRequired ? 'NO' : 'YES');
      }
    }
    // No column the schema does not know about: Prisma reads would silently ignore it.
    expect(tableColumns.map((c) => c.column_name).sort()).toEqual(scalarFields.map((f) => f.dbName ?? f.name).sort());

    const idField = scalarFields.find((f) => f.isId);
    const columnOf = (fieldName: string) => scalarFields.find((f) => f.name === fieldName)?.dbName ?? fieldName;
    const expectedPk = model.primaryKey?.fields.map(columnOf) ?? (idField ? [columnOf(idField.name)] : []);
    expect(primaryKeys.get(table), `${table} primary key`).toEqual(expectedPk);
  });
});
