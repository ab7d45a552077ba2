// A live DLQ check made for a client that has gone away never starts its read of the cluster: it
// answers "unknown" with the reason at once, rather than joining a consumer group for nobody.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config';
import { planChecks, runChecks } from './run';

const config = parseConfig(
  `
sources:
  db: { kind: postgres, url: 'postgres://127.0.0.1:9/shop' }
  bus: { kind: kafka, brokers: '127.0.0.1:9' }
outboxes: [{ name: ob, source: db, table: outbox, layout: marked-sent }]
consumers: [{ name: indexer, source: bus, group: indexer, topics: [events] }]
dlqs: [{ name: dead, source: bus, topic: events.dlq }]
pipelines: [{ name: p, systemOfRecord: db, stages: [{ outbox: ob }, { consumer: indexer }, { dlq: dead }] }]
`,
  {},
);

describe('runChecks', () => {
  it('does not start a DLQ read for a caller that went away', async () => {
    const gone = new AbortController();
    gone.abort();
    const plan = { ...planChecks(config, ['p']), outboxes: [] };
    const [dlq] = await runChecks(config, plan, 'order-1', gone.signal);
    expect(dlq).toMatchObject({ kind: 'dlq', target: 'dead', status: 'unknown' });
    // Not a connection error from the (unreachable) broker: the read was never started.
    expect(dlq!.summary).toContain('the client went away before the read started');
  });
});
