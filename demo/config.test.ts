// The shop's environment: defaults that match truthflow.yaml, and bad values named at start.
import { describe, expect, it } from 'vitest';
import { DEFAULT_NAMES, shopConfigFromEnv } from './config';

describe('shopConfigFromEnv', () => {
  it('defaults to the servers and names truthflow.yaml declares', () => {
    const config = shopConfigFromEnv({});
    expect(config).toMatchObject({
      shopDatabaseUrl: 'postgres://postgres@127.0.0.1:5432/truthflow_shop',
      kafkaBrokers: ['127.0.0.1:19092'],
      openSearchUrl: 'http://127.0.0.1:19200',
      truthflowUrl: 'http://127.0.0.1:3000',
      orderRate: 1,
      redisNodes: ['127.0.0.1:16379', '127.0.0.1:16380'],
    });
    expect(config.cdcDatabaseUrl).toBeUndefined();
    expect(DEFAULT_NAMES).toMatchObject({
      orderTopic: 'order-events',
      dlqTopic: 'order-events.dlq',
      indexerGroup: 'search-indexer',
      analyticsGroup: 'analytics-loader',
      orderIndex: 'orders',
    });
  });

  it('reads the variables, and a database URL given by the caller wins', () => {
    const config = shopConfigFromEnv(
      {
        SHOP_DATABASE_URL: 'postgres://a@h:1/x',
        KAFKA_BROKERS: 'k1:9092, k2:9092',
        TRUTHFLOW_URL: 'http://tf:3000/',
        ORDER_RATE: '2.5',
        REDIS_NODES: 'r1:6379, r2:6380',
        SHOP_CDC_DATABASE_URL: 'postgres://su@h:2/y',
      },
      'postgres://b@h:2/y',
    );
    expect(config).toMatchObject({
      shopDatabaseUrl: 'postgres://b@h:2/y',
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      truthflowUrl: 'http://tf:3000',
      orderRate: 2.5,
      redisNodes: ['r1:6379', 'r2:6380'],
      cdcDatabaseUrl: 'postgres://su@h:2/y',
    });
  });

  it('names a bad variable', () => {
    expect(() => shopConfigFromEnv({ ORDER_RATE: 'fast' })).toThrow(/ORDER_RATE/);
    expect(() => shopConfigFromEnv({ OPENSEARCH_URL: 'not a url' })).toThrow(/OPENSEARCH_URL/);
    expect(() => shopConfigFromEnv({ REDIS_NODES: 'redis://h:1' })).toThrow(/REDIS_NODES/);
  });
});
