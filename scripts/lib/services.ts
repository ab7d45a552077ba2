// Starts the real servers the integration tests need (both Kafka lines and OpenSearch) in parallel,
// and stops afterwards only what it started itself.
import { startKafka, stopKafka, kafkaStatus, type KafkaLine } from '../kafka';
import { openSearchStatus, startOpenSearch, stopOpenSearch } from '../opensearch';

export interface StartedServices {
  stop(): Promise<void>;
  problems: string[];
}

export async function startTestServices(log: (line: string) => void): Promise<StartedServices> {
  const stops: (() => Promise<unknown>)[] = [];
  const problems: string[] = [];
  const kafka = async (line: KafkaLine) => {
    const wasRunning = (await kafkaStatus({ line })) !== undefined;
    const running = await startKafka({ line, log });
    log(`kafka ${running.version} ready at ${running.bootstrap}${wasRunning ? ' (already running)' : ''}`);
    if (!wasRunning) stops.push(() => stopKafka({ line }));
  };
  const search = async () => {
    const wasRunning = (await openSearchStatus()) !== undefined;
    const running = await startOpenSearch({ log });
    log(`opensearch ${running.version} ready at ${running.url}${wasRunning ? ' (already running)' : ''}`);
    if (!wasRunning) stops.push(() => stopOpenSearch());
  };
  const results = await Promise.allSettled([kafka('4'), kafka('3.9'), search()]);
  for (const r of results) if (r.status === 'rejected') problems.push(String((r.reason as Error)?.message ?? r.reason));
  return { problems, stop: async () => void (await Promise.allSettled(stops.map((s) => s()))) };
}
