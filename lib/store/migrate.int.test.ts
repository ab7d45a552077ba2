import { mkdtempSync, cpSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '@/e2e/fixtures/scratch-db';
import { migrate, migrationsDir, readMigrations } from './migrate';

describe('migration runner on a real PostgreSQL', () => {
  let db: ScratchDatabase;
  beforeAll(async () => {
    db = await createScratchDatabase('migrate');
  });
  afterAll(async () => {
    await db?.drop();
  });

  async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  }

  it('applies every migration to an empty database, then nothing the second time', async () => {
    const names = readMigrations().map((m) => m.name);
    expect(names.length).toBeGreaterThan(0);

    const first = await migrate(db.url);
    expect(first).toEqual({ applied: names, alreadyApplied: [] });
    const second = await migrate(db.url);
    expect(second).toEqual({ applied: [], alreadyApplied: names });

    const history = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(history.map((h) => h.migration_name)).toEqual(names);
    for (const row of history) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('partitions samples by day and routes rows to today’s partition', async () => {
    const [parent] = await query<{ relkind: string }>(`SELECT relkind FROM pg_class WHERE relname = 'samples'`);
    expect(parent?.relkind).toBe('p');
    await query(`INSERT INTO samples (series_id, ts, value) VALUES (1, now(), 42)`);
    const [row] = await query<{ partition: string }>(`SELECT tableoid::regclass::text AS partition FROM samples WHERE series_id = 1`);
    const today = new Date().toISOString().slice(0, 10).replaceAll('-', '');
    // The store's clock decides "today"; allow the day boundary to fall between the two calls.
    expect(row?.partition).toMatch(/^samples_\d{8}$/);
    expect(Math.abs(Number(row?.partition.slice(8)) - Number(today))).toBeLessThanOrEqual(1);
  });

  it('refuses to continue when an applied migration was edited afterwards', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tf-migrations-'));
    cpSync(migrationsDir(), dir, { recursive: true });
    const [firstName] = readMigrations(dir).map((m) => m.name);
    appendFileSync(path.join(dir, firstName!, 'migration.sql'), '\n-- edited after the fact\n');
    await expect(migrate(db.url, dir)).rejects.toThrow(/changed after it was applied/);
  });
});
