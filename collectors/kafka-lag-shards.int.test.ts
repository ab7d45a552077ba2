// One Kafka cluster split into lag shards, collected by two real collectors processes (children
// running collectors/main.ts against this file's scratch store and the test broker): both take
// shards, and when one is killed with SIGKILL its shards move to the other within two intervals,
// with every group still on the /lag data and written again by the new owner.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  listConsumerGroups,
  readConsumerSnapshot,
  replaceConsumerSnapshot,
  type ConsumerGroupRow,
} from '@/lib/store/queries/consumer-snapshots';
import { listScrapeStatusOf } from '@/lib/store/queries/scrape-status';
import { ClusterRound, RoundCache } from '@/lib/kafka/cluster-round';
import { GroupReads } from '@/lib/kafka/group-reads';
import { fetchShardOffsets } from '@/lib/kafka/offsets';
import { shardOfGroup, shardsOf, shardTargetName, STATE_REBUILT_NOTE } from '@/lib/kafka/shards';
import { clusterScrape } from '@/lib/views/lag/shard-scrape';
import { freePort, produceToPartitions } from '@/e2e/fixtures/kafka';
import { useTestCluster } from '@/e2e/fixtures/kafka-cluster';
import { useScratchStore } from '@/e2e/fixtures/scratch-store';
import { stopProcess } from '@/e2e/fixtures/process';
import { commitOffsets } from '@/e2e/fixtures/kafka-commits';

const SHARDS = 4;
const GROUPS = 24;
const INTERVAL_SECONDS = 3;

useScratchStore('kafka_lag_shards');

/** Which store session holds each shard's lease (null: nobody), read from Postgres' lock table. */
async function shardHolders(keys: string[]): Promise<(number | null)[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number | null }>(
      `SELECT l.pid FROM unnest($1::text[]) WITH ORDINALITY AS k(key, i)
         LEFT JOIN pg_locks l ON l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND l.classid = (hashtext('truthflow.collector-lease')::bigint & 4294967295)::oid
          AND l.objid = (hashtext(k.key)::bigint & 4294967295)::oid
        ORDER BY k.i`,
      [keys],
    );
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const result = await check().catch(() => undefined);
    if (result) return result;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('kafka-lag shards over two collectors processes', () => {
  const broker = useTestCluster('4', 'tf-shards');
  const children: ChildProcess[] = [];
  const output = new Map<ChildProcess, string>();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tf-shards-'));

  const committed: string[] = [];

  afterAll(async () => {
    await Promise.all(children.map((c) => stopProcess(c)));
    rmSync(dir, { recursive: true, force: true });
    await broker.admin.deleteGroups(committed).catch(() => undefined);
  });

  /** Commits many groups at once, as an admin tool does (OffsetCommit without a member). */
  async function commitGroups(commits: { groupId: string; topic: string; offsets: Record<number, number> }[]): Promise<void> {
    committed.push(...commits.map((c) => c.groupId));
    await commitOffsets(broker.kafka, commits, 8);
  }

  async function startCollectors(configFile: string): Promise<ChildProcess> {
    // node with tsx's loader, not the tsx CLI: the CLI runs the script in a child of its own,
    // which a SIGKILL to the CLI would leave running with its leases.
    const child = spawn(process.execPath, ['--import', 'tsx', 'collectors/main.ts'], {
      env: {
        ...process.env,
        TRUTHFLOW_CONFIG: configFile,
        TRUTHFLOW_METRICS_PORT: String(await freePort()),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    output.set(child, '');
    const keep = (chunk: Buffer) => output.set(child, (output.get(child)! + chunk.toString()).slice(-20_000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    children.push(child);
    return child;
  }

  it('a shard replaces only its own rows of the snapshot; rows of another shard count go', async () => {
    const cluster = broker.name('store-only');
    const row = (groupId: string): ConsumerGroupRow => ({
      groupId,
      state: 'Empty',
      members: 0,
      topics: [],
      lagMessages: 1,
      lagSeconds: null,
      verdict: 'OK',
      worstPartition: null,
      windowComplete: null,
    });
    const ids = async () => (await readConsumerSnapshot(cluster)).groups.map((g) => g.groupId);
    const t = (s: number) => new Date(Date.UTC(2026, 10, 29, 12, 0, s));
    await replaceConsumerSnapshot(cluster, [row('a'), row('b')], [], t(0), { index: 0, count: 2 });
    await replaceConsumerSnapshot(cluster, [row('c')], [], t(1), { index: 1, count: 2 });
    expect(await ids()).toEqual(['a', 'b', 'c']);
    // Shard 0 no longer sees b: b goes, shard 1's c stays.
    await replaceConsumerSnapshot(cluster, [row('a')], [], t(2), { index: 0, count: 2 });
    expect(await ids()).toEqual(['a', 'c']);
    // The cluster is no longer sharded: the old layout's rows go with the first new snapshot.
    await replaceConsumerSnapshot(cluster, [row('d')], [], t(3));
    expect(await ids()).toEqual(['d']);
  });

  it('the shards one process holds share one listing and one end-offset read per topic per round', async () => {
    const topic = await broker.topic('shared', 3);
    await produceToPartitions(broker.producer, topic, [5, 5, 5]);
    const groups = Array.from({ length: 16 }, (_, g) => broker.name(`shared-g${g}`));
    await commitGroups(groups.map((groupId) => ({ groupId, topic, offsets: { 0: 1, 1: 2, 2: 3 } })));
    const ours = (offsets: { groups: { groupId: string }[] }) => offsets.groups.map((g) => g.groupId).filter((id) => groups.includes(id));

    const round = new ClusterRound(broker.admin, Date.now());
    const reads = new GroupReads(broker.kafka);
    const [a, b] = await Promise.all([0, 1].map((index) => fetchShardOffsets(broker.admin, round, { index, count: 2 }, { reads }))).finally(
      () => reads.close(),
    );
    // Every group in exactly the shard its hash names, none in both.
    expect(ours(a!).sort()).toEqual(groups.filter((g) => shardOfGroup(g, 2) === 0).sort());
    expect(ours(b!).sort()).toEqual(groups.filter((g) => shardOfGroup(g, 2) === 1).sort());
    // One listing (groups and topics) and one ListOffsets per topic for both shards: the very same answer.
    expect(a!.endOffsets.get(topic)).toBe(b!.endOffsets.get(topic));
    expect(a!.endOffsets.get(topic)).toEqual(
      new Map([
        [0, 5],
        [1, 5],
        [2, 5],
      ]),
    );
    const topics = new Set([...a!.endOffsets.keys(), ...b!.endOffsets.keys()]);
    // One extra listing is allowed: another test deleting a topic mid-round makes the round re-list.
    expect(round.calls() - (2 + topics.size)).toBeGreaterThanOrEqual(0);
    expect(round.calls() - (2 + topics.size)).toBeLessThanOrEqual(1);

    // The next run of a shard gets a new round; another shard joins the current one.
    const cache = new RoundCache(60_000);
    const first = cache.roundFor('c', 0, broker.admin, 1);
    expect(cache.roundFor('c', 1, broker.admin, 2)).toBe(first);
    const next = cache.roundFor('c', 0, broker.admin, 3);
    expect(next).not.toBe(first);
    expect(cache.roundFor('c', 1, broker.admin, 4)).toBe(next);
  });

  it('both processes take shards; a SIGKILLed one’s shards move within two intervals and no group goes missing', async () => {
    const cluster = broker.cluster;
    const topic = await broker.topic('events', 2);
    await produceToPartitions(broker.producer, topic, [30, 30]);
    const groups = Array.from({ length: GROUPS }, (_, g) => broker.name(`g${String(g).padStart(2, '0')}`));
    await commitGroups(groups.map((groupId, g) => ({ groupId, topic, offsets: { 0: g, 1: 30 - g } })));
    const prefix = broker.name('g');

    const configFile = path.join(dir, 'truthflow.json');
    const doc = {
      sources: {
        [cluster]: {
          kind: 'kafka',
          brokers: [broker.bootstrap],
          clientId: 'truthflow-shards-int',
          exactLagPartitions: 0,
          lagShards: SHARDS,
        },
      },
      collectors: { intervalSeconds: INTERVAL_SECONDS, timeoutSeconds: INTERVAL_SECONDS - 1 },
    };
    writeFileSync(configFile, JSON.stringify(doc)); // JSON is YAML
    const keys = shardsOf(SHARDS).map((s) => `kafka-lag/${shardTargetName(cluster, s)}`);

    const first = await startCollectors(configFile);
    const second = await startCollectors(configFile);
    const stored = async () => (await listConsumerGroups({ cluster, prefix, sort: 'group', dir: 'asc', page: 1, pageSize: 100 })).groups;
    try {
      // Both processes hold shards: two store sessions own the four leases between them.
      const split = await until(
        'both processes to hold shards',
        async () => {
          const holders = await shardHolders(keys);
          return holders.every((h) => h !== null) && new Set(holders).size === 2 && holders;
        },
        90_000,
      );
      await until('every group in the stored snapshot', async () => (await stored()).length === GROUPS, 30_000);
      // The takeover below should read as a move, not as a fresh start of the survivor.
      await sleep(3 * INTERVAL_SECONDS * 1000);

      first.kill('SIGKILL');
      const killedAt = Date.now();
      let fewest = GROUPS;
      const survivor = await until(
        'the survivor to hold every shard',
        async () => {
          fewest = Math.min(fewest, (await stored()).length);
          const holders = await shardHolders(keys);
          return holders.every((h) => h !== null && h === holders[0]) && holders[0];
        },
        20_000,
      );
      expect(Date.now() - killedAt).toBeLessThanOrEqual(2 * INTERVAL_SECONDS * 1000);
      expect(split).toContain(survivor);

      // Every group is rewritten by the survivor after the kill, and none was missing meanwhile.
      await until(
        'every group written after the kill',
        async () => {
          const now = await stored();
          fewest = Math.min(fewest, now.length);
          return now.length === GROUPS && now.every((g) => g.updatedAt.getTime() > killedAt);
        },
        4 * INTERVAL_SECONDS * 1000,
      );
      expect(fewest).toBe(GROUPS);
      const rows = await stored();
      expect(rows.map((g) => g.groupId)).toEqual(groups);
      expect(rows.map((g) => g.lagMessages)).toEqual(groups.map(() => 30));

      // /lag says which shards started their verdict state over, and when.
      const scrape = clusterScrape('kafka-lag', cluster, SHARDS, await listScrapeStatusOf('kafka-lag'), Date.now(), 2 * INTERVAL_SECONDS);
      expect(scrape.scrape.state).toBe('ok');
      expect(scrape.notes.length).toBeGreaterThanOrEqual(1);
      expect(scrape.notes.every((n) => n.includes(STATE_REBUILT_NOTE))).toBe(true);
    } catch (error) {
      for (const [i, child] of children.entries()) console.error(`collectors process ${i}:\n${output.get(child)}`);
      throw error;
    } finally {
      await stopProcess(second);
    }
  });
});
