// The DLQ collector with no broker to talk to: it fails with a kind the status panel can put into
// words, and within the collectors' timeout, never hanging the runner.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { createLogger } from '@/lib/log';
import { createClients } from '@/lib/sources/clients';
import { dlqCollector } from './dlq';

const log = createLogger('test');
// Port 1: nothing listens there, so every connect is refused.
const config = parseConfig(
  'sources:\n  events: { kind: kafka, brokers: "127.0.0.1:1" }\n' +
    'dlqs:\n  - { name: orders-dlq, source: events, topic: any-dlq }\n' +
    'collectors: { intervalSeconds: 10, timeoutSeconds: 8 }\n',
  {},
);

describe('dlq collector with the broker unreachable', () => {
  it('fails with a network or timeout kind within the collectors timeout', async () => {
    const clients = createClients(config);
    const started = Date.now();
    try {
      const run = dlqCollector.collect({
        target: config.dlqs[0]!,
        config,
        clients,
        now: () => new Date(),
        signal: new AbortController().signal,
        state: dlqCollector.initialState(config.dlqs[0]!),
        log,
      });
      const error = await run.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(['network', 'timeout']).toContain((error as { kind?: string }).kind);
      expect(Date.now() - started).toBeLessThan(config.collectors.timeoutSeconds * 1000);
    } finally {
      await clients.closeAll();
    }
  });
});
