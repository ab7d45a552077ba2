// Starts the real servers the tests and the demo need (Kafka lines, OpenSearch) in parallel, and
// stops afterwards only what it started itself. A server that cannot start is reported, not fatal:
// the caller decides (tests still run and fail with their own message; the demo runs without it).
import path from 'node:path';
import { startKafka, stopKafka, kafkaStatus, type KafkaLine, type KafkaOptions, type RunningKafka } from '../kafka';
import { openSearchStatus, startOpenSearch, stopOpenSearch, type OpenSearchOptions, type RunningOpenSearch } from '../opensearch';
import { REDIS_PRIMARY_PORT, redisStatus, startRedisPair, stopRedis, type RunningRedis } from '../redis';

/**
 * Where the servers run: the usual fixed ports and folders unless the environment moves them, so a
 * second full `npm start` (the Ctrl-C test, or an engineer whose ports are taken) never touches the
 * servers the first one started. Kafka's controller listens on its port + 1, OpenSearch's transport
 * on its port + 100, the Redis replica on the primary's port + 1.
 */
export interface ServerPlacement {
  kafkaPort?: number;
  openSearchPort?: number;
  redisPort?: number;
  /** Data folders of Kafka and OpenSearch go under it (default: beside the artifact cache). */
  dataRoot?: string;
}

const PLACEMENT_ENV = {
  kafkaPort: 'TRUTHFLOW_KAFKA_PORT',
  openSearchPort: 'TRUTHFLOW_OPENSEARCH_PORT',
  redisPort: 'TRUTHFLOW_REDIS_PORT',
} as const;

/** Reads TRUTHFLOW_KAFKA_PORT, TRUTHFLOW_OPENSEARCH_PORT, TRUTHFLOW_REDIS_PORT and TRUTHFLOW_SERVERS_DIR. */
export function placementFromEnv(env: NodeJS.ProcessEnv): ServerPlacement {
  const placement: ServerPlacement = {};
  for (const [key, name] of Object.entries(PLACEMENT_ENV) as [keyof typeof PLACEMENT_ENV, string][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 1 || port > 65534) throw new Error(`${name} expects a port number, found "${raw}"`);
    placement[key] = port;
  }
  if (env.TRUTHFLOW_SERVERS_DIR) placement.dataRoot = path.resolve(env.TRUTHFLOW_SERVERS_DIR);
  return placement;
}

export function kafkaOptionsAt(placement: ServerPlacement, line: KafkaLine): KafkaOptions {
  return {
    line,
    ...(placement.kafkaPort !== undefined ? { port: placement.kafkaPort } : {}),
    ...(placement.dataRoot ? { dataDir: path.join(placement.dataRoot, `kafka-${line}`) } : {}),
  };
}

export function openSearchOptionsAt(placement: ServerPlacement): OpenSearchOptions {
  return {
    ...(placement.openSearchPort !== undefined
      ? { httpPort: placement.openSearchPort, transportPort: placement.openSearchPort + 100 }
      : {}),
    ...(placement.dataRoot ? { dataDir: path.join(placement.dataRoot, 'opensearch') } : {}),
  };
}

export interface ServiceWishes {
  kafkaLines: KafkaLine[];
  openSearch: boolean;
  /** The project's Redis pair (primary 16379, replica 16380) for the cache collector and the demo. */
  redis?: boolean;
  /** Non-default ports and folders; one Kafka line at most when a port is given. */
  at?: ServerPlacement;
}

export interface StartedServices {
  kafka: Partial<Record<KafkaLine, RunningKafka>>;
  openSearch?: RunningOpenSearch;
  redis?: RunningRedis[];
  problems: string[];
  stop(): Promise<void>;
}

export async function startServices(wishes: ServiceWishes, log: (line: string) => void): Promise<StartedServices> {
  const at = wishes.at ?? {};
  if (at.kafkaPort !== undefined && wishes.kafkaLines.length > 1) throw new Error('one Kafka port was given for several Kafka lines');
  const stops: (() => Promise<unknown>)[] = [];
  const started: StartedServices = { kafka: {}, problems: [], stop: async () => void (await Promise.allSettled(stops.map((s) => s()))) };
  const kafka = async (line: KafkaLine) => {
    const options = kafkaOptionsAt(at, line);
    const wasRunning = (await kafkaStatus(options)) !== undefined;
    const running = await startKafka({ ...options, log });
    started.kafka[line] = running;
    log(`kafka ${running.version} ready at ${running.bootstrap}${wasRunning ? ' (already running)' : ''}`);
    if (!wasRunning) stops.push(() => stopKafka(options));
  };
  const search = async () => {
    const options = openSearchOptionsAt(at);
    const wasRunning = (await openSearchStatus(options)) !== undefined;
    const running = await startOpenSearch({ ...options, log });
    started.openSearch = running;
    log(`opensearch ${running.version} ready at ${running.url}${wasRunning ? ' (already running)' : ''}`);
    if (!wasRunning) stops.push(() => stopOpenSearch(options));
  };
  const cache = async () => {
    const primary = at.redisPort ?? REDIS_PRIMARY_PORT;
    const ports = [primary, primary + 1];
    const wasRunning = await Promise.all(ports.map(async (port) => (await redisStatus(port)) !== undefined));
    started.redis = await startRedisPair(log, primary);
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
