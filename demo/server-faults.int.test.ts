// The fault switches as the demo's processes see them, against a real PostgreSQL: recording a
// switch acts on nothing; the owner of the servers (npm start) acts once per change, in order; an
// action that fails is recorded back. The servers themselves are stand-ins that count calls.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allFaultsOff, listFaults, recordFault } from '@/lib/fault-switches/switches';
import { createLogger } from '@/lib/log';
import { createScratchDatabase, type ScratchDatabase } from '@/e2e/fixtures/scratch-db';
import { createShopPool, migrateShop } from './db';
import { watchFaults } from './fault-board';
import { watchServerFaults, type ServerControl } from './server-faults';

const log = createLogger('test-server-faults');
let scratch: ScratchDatabase;
let db: pg.Pool;

beforeAll(async () => {
  scratch = await createScratchDatabase('server_faults');
  db = createShopPool(scratch.url, 2);
  await migrateShop(db);
});

afterAll(async () => {
  await db?.end();
  await scratch?.drop();
});

describe('fault switches', () => {
  it("switch catalogue: values, server switches carried out by the servers' owner, all-off", async () => {
    const calls: string[] = [];
    const servers: ServerControl = {
      stopKafka: async () => calls.push('stopKafka'),
      startKafka: async () => calls.push('startKafka'),
      stopOpenSearch: async () => calls.push('stopOpenSearch'),
      startOpenSearch: async () => calls.push('startOpenSearch'),
      stopRedis: async () => calls.push('stopRedis'),
      startRedis: async () => calls.push('startRedis'),
    };
    const owner = watchServerFaults(db, servers, log);
    try {
      await owner.refresh();
      expect((await recordFault(db, 'indexer-slowed', true, 20)).value).toBe(20);
      await recordFault(db, 'kafka-broker-stopped', true);
      await owner.refresh();
      await owner.settled();
      await recordFault(db, 'search-node-stopped', true);
      await owner.refresh();
      await owner.settled();
      await recordFault(db, 'cache-down', true);
      await owner.refresh();
      await owner.settled();
      await expect(recordFault(db, 'relay-stopped', true, 3)).rejects.toThrow(/takes no value/);
      expect((await listFaults(db)).filter((f) => f.on).map((f) => f.name)).toEqual([
        'indexer-slowed',
        'search-node-stopped',
        'kafka-broker-stopped',
        'cache-down',
      ]);
      // Recording alone acted on nothing: only the owner's watcher did, once per change.
      expect(calls).toEqual(['stopKafka', 'stopOpenSearch', 'stopRedis']);

      const after = await allFaultsOff(db);
      expect(after.every((f) => !f.on)).toBe(true);
      await owner.refresh();
      await owner.settled();
      expect(calls.slice(3).sort()).toEqual(['startKafka', 'startOpenSearch', 'startRedis']);
    } finally {
      owner.stop();
    }
    // The services' own view of the switches agrees.
    const board = watchFaults(db, log);
    await board.refresh();
    board.stop();
    expect(board.isOn('indexer-slowed')).toBe(false);
  });

  it('a server action that fails is recorded back, so the panel does not claim it', async () => {
    const failing: ServerControl = {
      stopKafka: async () => {
        throw new Error('no broker here');
      },
      startKafka: async () => undefined,
      stopOpenSearch: async () => undefined,
      startOpenSearch: async () => undefined,
      stopRedis: async () => undefined,
      startRedis: async () => undefined,
    };
    const owner = watchServerFaults(db, failing, log);
    try {
      await owner.refresh();
      await recordFault(db, 'kafka-broker-stopped', true);
      await owner.refresh();
      await owner.settled();
      expect((await listFaults(db)).find((f) => f.name === 'kafka-broker-stopped')?.on).toBe(false);
    } finally {
      owner.stop();
    }
  });
});
