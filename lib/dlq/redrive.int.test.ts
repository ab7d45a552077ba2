// DLQ redrive through its API routes against real brokers (Kafka 4.x and 3.9) and a scratch store:
// a viewer is refused, a DLQ without redrive has no redrive API, a dry run lists what would go where
// and writes nothing, a real run lands each message on its original topic with key, value and
// headers intact and the count header set, a message at the loop limit is refused, and every
// message is audited. Only the config provider is replaced, by a config naming the real broker.
import { Partitioners, type IHeaders } from 'kafkajs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { useTestCluster } from '@/e2e/fixtures/kafka-cluster';
import { useScratchStore } from '@/e2e/fixtures/scratch-store';
import { createSessionValue, SESSION_COOKIE } from '@/lib/auth/session';
import { parseConfig, type TruthflowConfig } from '@/lib/config';
import type { KafkaLine } from '@/scripts/kafka';
import { readRanges } from '../kafka/read-ranges';
import { CONNECT, SPRING } from './headers';
import { redrivesOfKey } from '../store/queries/dlq-redrives';
import { REDRIVE_COUNT_HEADER } from './redrive-plan';

const current = vi.hoisted(() => ({ config: undefined as unknown }));
vi.mock('@/lib/server-config', () => ({ serverConfig: () => current.config }));

const { POST } = await import('@/app/api/dlq/[dlq]/redrive/route');
const { GET: AUDIT } = await import('@/app/api/dlq/[dlq]/redrives/route');

useScratchStore('redrive');

const text = (headers: IHeaders, name: string) => {
  const v = headers[name];
  return v === undefined ? undefined : Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
};

describe.each<KafkaLine>(['4', '3.9'])('DLQ redrive on kafka %s', (line) => {
  const cluster = useTestCluster(line, 'tf-redrive');
  let orders: string;
  let payments: string;
  let dlqTopic: string;
  let config: TruthflowConfig;
  // The store is shared by both lines: each line's DLQ has its own name, so its own audit rows.
  const dlqName = `orders-dlq-${line.replace('.', '-')}`;

  const call = (role: 'viewer' | 'admin', dlq: string, body: unknown) =>
    POST(
      new Request(`http://t/api/dlq/${dlq}/redrive`, {
        method: 'POST',
        headers: { cookie: `${SESSION_COOKIE}=${createSessionValue(config.auth!, role)}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({ dlq }) },
    );
  const audit = (dlq: string) =>
    AUDIT(
      new Request(`http://t/api/dlq/${dlq}/redrives`, {
        headers: { cookie: `${SESSION_COOKIE}=${createSessionValue(config.auth!, 'viewer')}` },
      }),
      {
        params: Promise.resolve({ dlq }),
      },
    );
  const endOffset = async (topic: string) => Number((await cluster.admin.fetchTopicOffsets(topic))[0]!.high);

  beforeAll(async () => {
    orders = await cluster.topic('orders', 1);
    payments = await cluster.topic('payments', 1);
    dlqTopic = await cluster.topic('dlq', 1);
    const producer = cluster.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const spring = (key: string, extra: IHeaders = {}) => ({
      key,
      value: JSON.stringify({ orderId: key, total: 12.5 }),
      headers: { [SPRING.topic]: orders, [SPRING.fqcn]: 'com.shop.BadPrice', trace: 'trace-' + key, ...extra },
    });
    await producer.send({
      topic: dlqTopic,
      messages: [
        spring('ord-1'),
        spring('ord-2'),
        {
          key: 'pay-1',
          value: 'raw bytes',
          headers: { [CONNECT.topic]: payments, [CONNECT.fqcn]: 'org.apache.kafka.connect.errors.DataException' },
        },
        spring('ord-3', { [REDRIVE_COUNT_HEADER]: '3' }),
        { key: 'lost', value: 'no origin', headers: {} },
      ],
    });
    await producer.disconnect();
    const users = ['viewer', 'admin'].map((role) => ({ name: role, role, passwordHash: 'unused' }));
    config = parseConfig(
      JSON.stringify({
        sources: { events: { kind: 'kafka', brokers: cluster.bootstrap } },
        dlqs: [
          {
            name: dlqName,
            source: 'events',
            topic: dlqTopic,
            redrive: { enabled: true, maxPerRequest: 100, maxRedrives: 3, ratePerSecond: 50 },
          },
          { name: 'plain-dlq', source: 'events', topic: dlqTopic },
        ],
        auth: { users, sessionSecret: '${SESSION_SECRET}' },
      }),
      { SESSION_SECRET: 's'.repeat(40) },
    );
    current.config = config;
  });

  it('refuses a viewer, and has no redrive for a DLQ that did not enable it', async () => {
    const viewer = await call('viewer', dlqName, { dryRun: true });
    expect(viewer.status).toBe(403);
    expect((await viewer.json()).error.message).toMatch(/needs the admin role/);
    expect((await call('admin', 'plain-dlq', { dryRun: true })).status).toBe(404);
    expect((await audit('plain-dlq')).status).toBe(404);
  });

  it('lists what a dry run would send where, and changes nothing', async () => {
    const before = [await endOffset(orders), await endOffset(payments)];
    const res = await call('admin', dlqName, { dryRun: true });
    expect(res.status).toBe(200);
    const plan = await res.json();
    expect(plan.items.map((i: { key: string; targetTopic: string | null; action: string }) => [i.key, i.targetTopic, i.action])).toEqual([
      ['ord-1', orders, 'send'],
      ['ord-2', orders, 'send'],
      ['pay-1', payments, 'send'],
      ['ord-3', orders, 'refuse'],
      ['lost', null, 'refuse'],
    ]);
    expect(plan.items[3].reason).toBe('already redriven 3 times (limit 3)');
    expect([await endOffset(orders), await endOffset(payments)]).toEqual(before);
    expect((await (await audit(dlqName)).json()).rows).toEqual([]);
  });

  it('sends each message back intact with the count header, refuses the loop limit, and audits every one', async () => {
    const res = await call('admin', dlqName, { dryRun: false, fromOffset: 0 });
    expect(res.status).toBe(200);
    const outcome = await res.json();
    expect(outcome.items.map((i: { key: string; result: string }) => [i.key, i.result])).toEqual([
      ['ord-1', 'sent'],
      ['ord-2', 'sent'],
      ['pay-1', 'sent'],
      ['ord-3', 'refused'],
      ['lost', 'refused'],
    ]);
    const read = await readRanges(cluster.kafka, cluster.admin, orders, [{ partition: 0, from: 0, to: 2 }], {
      deadlineMs: 20_000,
      keepValues: true,
    });
    expect(read.messages.map((m) => m.key?.toString())).toEqual(['ord-1', 'ord-2']);
    const first = read.messages[0]!;
    expect(JSON.parse(first.value!.toString())).toEqual({ orderId: 'ord-1', total: 12.5 });
    expect(text(first.headers, 'trace')).toBe('trace-ord-1');
    expect(text(first.headers, SPRING.topic)).toBe(orders);
    expect(text(first.headers, REDRIVE_COUNT_HEADER)).toBe('1');
    const pay = await readRanges(cluster.kafka, cluster.admin, payments, [{ partition: 0, from: 0, to: 1 }], {
      deadlineMs: 20_000,
      keepValues: true,
    });
    expect(pay.messages[0]!.value!.toString()).toBe('raw bytes');
    expect(await endOffset(orders)).toBe(2);

    const rows = (await (await audit(dlqName)).json()).rows;
    expect(rows).toHaveLength(5);
    const sent = rows.find((r: { messageKey: string }) => r.messageKey === 'ord-2');
    expect(sent).toMatchObject({
      requestedBy: 'admin',
      result: 'sent',
      targetTopic: orders,
      targetPartition: 0,
      targetOffset: 1,
      sourceOffset: 1,
    });
    expect(rows.find((r: { messageKey: string }) => r.messageKey === 'ord-3')).toMatchObject({ result: 'refused', targetOffset: null });
    // The order page's lookup by key sees the same row.
    expect(await redrivesOfKey('ord-2')).toEqual(
      expect.arrayContaining([expect.objectContaining({ dlq: dlqName, result: 'sent', targetOffset: 1 })]),
    );
  });
});
