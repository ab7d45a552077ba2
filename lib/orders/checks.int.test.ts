// Live checks against real servers: a DLQ topic on Kafka 4 (key, header and payload matches) and
// a search index on OpenSearch 2.19 (document by id), and the missing-hop sentence they feed.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Kafka, logLevel, Partitioners, type Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type TruthflowConfig } from '@/lib/config';
import { createSearchClient, type SearchClient } from '@/lib/search/client';
import { createTopics } from '@/e2e/fixtures/kafka';
import { kafkaStatus, startKafka, stopKafka } from '@/scripts/kafka';
import { openSearchStatus, startOpenSearch, stopOpenSearch } from '@/scripts/opensearch';
import { closeCheckClients } from './checks/clients';
import { planChecks, runChecks } from './checks/run';
import { expectedPipeline } from './expected';
import { journey } from '@/e2e/fixtures/order-journeys';

const topic = `truthflow-orders-dlq-${randomUUID().slice(0, 8)}`;
const index = `truthflow-orders-int-${randomUUID().slice(0, 8)}`;
const ORDER = `C-${randomUUID().slice(0, 8)}`;
let started = { kafka: false, search: false };
let admin: Admin;
let search: SearchClient;
let config: TruthflowConfig;

beforeAll(async () => {
  started = { kafka: (await kafkaStatus({ line: '4' })) === undefined, search: (await openSearchStatus()) === undefined };
  const [broker, node] = await Promise.all([startKafka({ line: '4' }), startOpenSearch()]);
  const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'truthflow-orders-int', logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  await admin.connect();
  await createTopics(admin, [{ topic, numPartitions: 2 }]);
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await producer.send({
    topic,
    messages: [
      { key: ORDER, value: '{"total": 3}', headers: { 'kafka_dlt-exception-fqcn': 'org.example.MappingException' }, partition: 0 },
      { key: 'other', value: JSON.stringify({ orderId: ORDER }), partition: 1 },
      { key: `${ORDER}0`, value: JSON.stringify({ orderId: `${ORDER}0` }), partition: 1 },
    ],
  });
  await producer.disconnect();
  search = createSearchClient({ url: node.url, timeoutMs: 30_000 });
  await search.createIndex(index, { properties: { order_id: { type: 'keyword' } } }, { number_of_replicas: 0 });
  await search.indexDocument(index, ORDER, { order_id: ORDER }, { refresh: 'wait_for' });
  config = parseConfig(readFileSync('e2e/fixtures/config/receiver.yaml', 'utf8'), {
    TF_TEST_KAFKA_BROKERS: broker.bootstrap,
    TF_TEST_SEARCH_URL: node.url,
    TF_TEST_DLQ_TOPIC: topic,
    TF_TEST_INDEX: index,
    TF_TEST_TRACES_TOKEN: 'x'.repeat(20),
  });
});

afterAll(async () => {
  await closeCheckClients();
  await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin?.disconnect();
  await search?.deleteIndex(index).catch(() => undefined);
  if (started.kafka) await stopKafka({ line: '4' });
  if (started.search) await stopOpenSearch();
});

const plan = () => planChecks(config, ['orders-to-search']);

describe('live checks on real servers', () => {
  it('finds DLQ messages by key and by payload, not by a longer id, and the search document with its version', async () => {
    const checks = await runChecks(config, { ...plan(), outboxes: [] }, ORDER);
    expect(checks.map((c) => [c.kind, c.status])).toEqual([
      ['dlq', 'found'],
      ['search', 'found'],
    ]);
    expect(checks[0]!.summary).toMatch(
      new RegExp(`^2 messages with this id in ${topic}, newest \\d\\d:\\d\\d:\\d\\d \\(error org.example.MappingException\\)\\.$`),
    );
    expect(checks[1]!.summary).toBe(`Document exists in ${index}, version 1.`);
    expect(checks.every((c) => c.durationMs < 6_000 && !Number.isNaN(Date.parse(c.checkedAt)))).toBe(true);
  });

  it('reports absence for another id, and "could not check" for a topic that does not exist', async () => {
    const absent = await runChecks(config, { ...plan(), outboxes: [] }, 'C-nobody');
    expect(absent.map((c) => c.status)).toEqual(['absent', 'absent']);
    expect(absent[0]!.summary).toBe(`No message with this id among the newest 3 in ${topic}.`);
    const missing = await runChecks(
      config,
      { outboxes: [], indexes: [], dlqs: [{ ...config.dlqs[0]!, topic: `${topic}-missing` }] },
      ORDER,
    );
    expect(missing[0]).toMatchObject({ status: 'unknown', summary: expect.stringMatching(/^could not check: /) });
  });

  it('words the first missing hop with what the checks found', async () => {
    const checks = await runChecks(config, { ...plan(), outboxes: [] }, ORDER);
    const [commit, insert, publish, consume] = journey();
    const notConsumed = expectedPipeline(config, config.pipelines[0]!, [commit!, insert!, publish!], checks);
    expect(notConsumed.firstMissing?.words).toMatch(
      new RegExp(
        `^published to Kafka topic order-events 14:02:13, never consumed by search-indexer: 2 messages with this id in DLQ ${topic}`,
      ),
    );
    const notIndexed = expectedPipeline(config, config.pipelines[0]!, [commit!, insert!, publish!, consume!], checks);
    expect(notIndexed.firstMissing?.words).toBe(
      `consumed by search-indexer 14:02:16, never indexed in ${index}: search document exists (version 1) but no indexing span arrived`,
    );
  });
});
