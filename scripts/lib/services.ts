// Starts the real servers the tests and the demo need (Kafka lines, OpenSearch) in parallel, and
// stops afterwards only what it started itself. A server that cannot start is reported, not fatal:
// the caller decides (tests still run and fail with their own message; the demo runs without it).
import { startKafka, stopKafka, kafkaStatus, type KafkaLine, type RunningKafka } from '../kafka';
import { openSearchStatus, startOpenSearch, stopOpenSearch, type RunningOpenSearch } from '../opensearch';

export interface ServiceWishes {
  kafkaLines: KafkaLine[];
  openSearch: boolean;
}

export interface StartedServices {
  kafka: Partial<Record<KafkaLine, RunningKafka>>;
  openSearch?: RunningOpenSearch;
  problems: string[];
  stop(): Promise<void>;
}

export async function startServices(wishes: ServiceWishes, log: (line: string) => void): Promise<StartedServices> {
  const stops: (() => Promise<unknown>)[] = [];
  const started: StartedServices = { kafka: {}, problems: [], stop: async () => void (await Promise.allSettled(stops.map((s) => s()))) };
  const kafka = async (line: KafkaLine) => {
    const wasRunning = (await kafkaStatus({ line })) !== undefined;
    const running = await startKafka({ line, log });
    started.kafka[line] = running;
    log(`kafka ${running.version} ready at ${running.bootstrap}${wasRunning ? ' (already running)' : ''}`);
    if (!wasRunning) stops.push(() => stopKafka({ line }));
  };
  const search = async () => {
    const wasRunning = (await openSearchStatus()) !== undefined;
    const running = await startOpenSearch({ log });
    started.openSearch = running;
    log(`opensearch ${running.version} ready at ${running.url}${wasRunning ? ' (already running)' : ''}`);
    if (!wasRunning) stops.push(() => stopOpenSearch());
  };
  const results = await Promise.allSettled([...wishes.kafkaLines.map(kafka), ...(wishes.openSearch ? [search()] : [])]);
  for (const r of results) if (r.status === 'rejected') started.problems.push(String((r.reason as Error)?.message ?? r.reason));
  return started;
}
