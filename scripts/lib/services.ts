// Starts the real servers the tests and the demo need (Kafka lines, OpenSearch) in parallel, and
// stops afterwards only what it started itself. A server that cannot start is reported, not fatal:
// the caller decides (tests still run and fail with their own message; the demo runs without it).
import { startKafka, stopKafka, kafkaStatus, type KafkaLine, type RunningKafka } from '../kafka';
import { openSearchStatus, startOpenSearch, stopOpenSearch, type RunningOpenSearch } from '../opensearch';
import { REDIS_PRIMARY_PORT, REDIS_REPLICA_PORT, redisStatus, startRedisPair, stopRedis, type RunningRedis } from '../redis';

export interface ServiceWishes {
  kafkaLines: KafkaLine[];
  openSearch: boolean;
  /** The project's Redis pair (primary 16379, replica 16380) for the cache collector and the demo. */
  redis?: boolean;
}

export interface StartedServices {
  kafka: Partial<Record<KafkaLine, RunningKafka>>;
  openSearch?: RunningOpenSearch;
  redis?: RunningRedis[];
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
  const cache = async () => {
    const ports = [REDIS_PRIMARY_PORT, REDIS_REPLICA_PORT];
    const wasRunning = await Promise.all(ports.map(async (port) => (await redisStatus(port)) !== undefined));
    started.redis = await startRedisPair(log);
    log(`redis ${started.redis[0]?.version ?? ''} ready on ${ports.join(' and ')}`);
    ports.forEach((port, i) => !wasRunning[i] && stops.push(() => stopRedis(port)));
  };
  const results = await Promise.allSettled([
    ...wishes.kafkaLines.map(kafka),
    ...(wishes.openSearch ? [search()] : []),
    ...(wishes.redis ? [cache()] : []),
  ]);
  for (const r of results) if (r.status === 'rejected') started.problems.push(String((r.reason as Error)?.message ?? r.reason));
  return started;
}
