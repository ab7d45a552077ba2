// The output writer is the only way a run's result reaches the store. These tests pin down the
// contract jobs rely on without a store: samples stamped and buffered, snapshots written through
// their query module, a failed snapshot write turned into a note while the samples still go to
// the buffer, and a scrape status for every run, failed or not, without ever throwing.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@/lib/log';
import { replaceConsumerSnapshot } from '@/lib/store/queries/consumer-snapshots';
import { recordScrapeOutcome } from '@/lib/store/queries/scrape-status';
import type { ConsumerGroupsSnapshot, JobOutput } from '../types';
import type { Job } from './job';
import { OutputWriter } from './output';
import type { SampleSink } from './sink';

vi.mock('@/lib/store/queries/consumer-snapshots', () => ({ replaceConsumerSnapshot: vi.fn() }));
vi.mock('@/lib/store/queries/scrape-status', () => ({ recordScrapeOutcome: vi.fn() }));

const log = createLogger('output-test');
const attemptAt = new Date('2030-01-01T00:00:00Z');
const job: Job = {
  key: 'kafka-lag/events',
  kind: 'collector',
  name: 'kafka-lag',
  target: { name: 'events' },
  run: () => Promise.reject(new Error('not run here')),
};
const snapshot: ConsumerGroupsSnapshot = { kind: 'consumer-groups', cluster: 'events', at: attemptAt, groups: [], partitions: [] };

function writer() {
  const push = vi.fn();
  return { push, output: new OutputWriter({ sink: { push } as unknown as SampleSink, log }) };
}

beforeEach(() => {
  vi.mocked(replaceConsumerSnapshot).mockReset().mockResolvedValue(undefined);
  vi.mocked(recordScrapeOutcome).mockReset().mockResolvedValue(undefined);
});

describe('OutputWriter', () => {
  it('buffers samples stamped with the run’s start, writes snapshots, and records success with the notes', async () => {
    const { push, output } = writer();
    const own = new Date('2029-12-31T23:59:00Z');
    const result: JobOutput = {
      samples: [
        { metric: 'm', labels: {}, value: 1 },
        { metric: 'm', labels: {}, value: 2, ts: own },
      ],
      snapshots: [snapshot],
      summary: 'ok',
      notes: ['a finding'],
    };
    await output.write(job, { durationMs: 12, output: result }, attemptAt);
    expect(push).toHaveBeenCalledWith([
      { metric: 'm', labels: {}, value: 1, ts: attemptAt },
      { metric: 'm', labels: {}, value: 2, ts: own },
    ]);
    expect(replaceConsumerSnapshot).toHaveBeenCalledWith('events', [], [], attemptAt);
    expect(recordScrapeOutcome).toHaveBeenCalledWith({
      collector: 'kafka-lag',
      source: 'events',
      attemptAt,
      durationMs: 12,
      error: undefined,
      notes: ['a finding'],
    });
  });

  it('turns a failed snapshot write into a note; the samples are still buffered and the run still succeeds', async () => {
    vi.mocked(replaceConsumerSnapshot).mockRejectedValue(new Error('connect ECONNREFUSED'));
    const { push, output } = writer();
    await output.write(
      job,
      { durationMs: 5, output: { samples: [{ metric: 'm', labels: {}, value: 1 }], snapshots: [snapshot], summary: 'ok' } },
      attemptAt,
    );
    expect(push).toHaveBeenCalledTimes(1);
    expect(recordScrapeOutcome).toHaveBeenCalledWith(
      expect.objectContaining({ error: undefined, notes: ['consumer snapshot not written (store unreachable?): connect ECONNREFUSED'] }),
    );
  });

  it('records a failed run with its error and writes nothing else', async () => {
    const { push, output } = writer();
    await output.write(job, { durationMs: 1000, error: { kind: 'timeout', message: 'no answer within 1 s' } }, attemptAt);
    expect(push).not.toHaveBeenCalled();
    expect(replaceConsumerSnapshot).not.toHaveBeenCalled();
    expect(recordScrapeOutcome).toHaveBeenCalledWith(
      expect.objectContaining({ error: { kind: 'timeout', message: 'no answer within 1 s' }, notes: undefined }),
    );
  });

  it('never throws, even when the scrape status cannot be recorded', async () => {
    vi.mocked(recordScrapeOutcome).mockRejectedValue(new Error('store down'));
    const { output } = writer();
    await expect(output.write(job, { durationMs: 1, output: { samples: [], summary: 'ok' } }, attemptAt)).resolves.toBeUndefined();
  });
});
