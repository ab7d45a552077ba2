// The demo shop as a process: `npx tsx demo/main.ts`. Reads SHOP_DATABASE_URL (else the
// truthflow_shop database beside DATABASE_URL, else on the embedded PostgreSQL), KAFKA_BROKERS,
// OPENSEARCH_URL, TRUTHFLOW_URL and ORDER_RATE; runs until SIGINT/SIGTERM and then stops cleanly.
// Kafka and OpenSearch must already run (npx tsx scripts/kafka.ts start; scripts/opensearch.ts start).
import { redactUrl } from '@/lib/config';
import { createLogger } from '@/lib/log';
import { shopConfigFromEnv } from './config';
import { resolveShopDatabase } from './db';
import { startShop } from './shop';

const log = createLogger('shop');

async function main(): Promise<void> {
  const database = await resolveShopDatabase(process.env, (line) => log.debug(line));
  let shop: Awaited<ReturnType<typeof startShop>> | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping the demo shop`);
    await shop?.stop();
    await database.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    const fromEnv = shopConfigFromEnv(process.env, database.url);
    const config = { ...fromEnv, cdcDatabaseUrl: fromEnv.cdcDatabaseUrl ?? database.cdcUrl };
    shop = await startShop(config);
    log.info(
      {
        shopDatabase: redactUrl(config.shopDatabaseUrl),
        kafka: config.kafkaBrokers.join(','),
        search: config.openSearchUrl,
        traces: `${config.truthflowUrl}/v1/traces`,
      },
      'demo shop ready; fault switches: npx tsx scripts/demo.ts faults | on <switch> | off <switch> | all-off',
    );
  } catch (error) {
    log.error({ err: error }, (error as Error).message);
    await database.stop();
    process.exit(1);
  }
}

void main();
