import { describe, expect, it } from 'vitest';
import { substituteEnv } from './env';
import { ConfigError, parseConfig } from './index';

const kafka = (brokers: string) => `
sources:
  shop-db: { kind: postgres, url: "\${SHOP_DB_URL}" }
  events: { kind: kafka, brokers: ${brokers} }
collectors: { metricsPort: "\${METRICS_PORT:-9464}" }
`;

function problemsOf(text: string, env: Record<string, string>): string[] {
  try {
    parseConfig(text, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('${ENV} substitution', () => {
  it('substitutes set variables and falls back to defaults', () => {
    const cfg = parseConfig(kafka('"${KAFKA_BROKERS:-127.0.0.1:19092}"'), { SHOP_DB_URL: 'postgres://db:5432/shop' });
    expect(cfg.sources['shop-db']).toMatchObject({ url: 'postgres://db:5432/shop' });
    expect(cfg.sources.events).toMatchObject({ brokers: ['127.0.0.1:19092'] });
    expect(cfg.collectors.metricsPort).toBe(9464);
  });

  it('turns a comma-separated variable into a broker list, and numbers into numbers', () => {
    const env = { SHOP_DB_URL: 'postgres://db/shop', KAFKA_BROKERS: 'k1:9092, k2:9092', METRICS_PORT: '9500' };
    const cfg = parseConfig(kafka('"${KAFKA_BROKERS:-127.0.0.1:19092}"'), env);
    expect(cfg.sources.events).toMatchObject({ brokers: ['k1:9092', 'k2:9092'] });
    expect(cfg.collectors.metricsPort).toBe(9500);
  });

  it('uses the default for an empty variable, like the shell', () => {
    expect(substituteEnv('${A:-x}', { A: '' }).value).toBe('x');
    expect(substituteEnv('${A}', { A: '' }).value).toBe('');
    expect(substituteEnv('pre-${A}-${B:-b}-post', { A: 'a' }).value).toBe('pre-a-b-post');
  });

  it('reports a missing variable once, with its path', () => {
    expect(problemsOf(kafka('["127.0.0.1:9092"]'), {})).toEqual([
      'sources.shop-db.url: expected environment variable SHOP_DB_URL to be set, found it unset',
    ]);
  });

  it('never lets a value inject YAML structure', () => {
    const evil = '"x"\nfeatures: [{ name: pwned }]';
    const cfg = parseConfig(kafka('["127.0.0.1:9092"]').replace('${SHOP_DB_URL}', 'postgres://db/${DB}'), { DB: evil });
    expect(cfg.features).toEqual([]);
    expect(cfg.sources['shop-db']).toMatchObject({ url: `postgres://db/${evil}` });
  });

  it('keeps $${ literal and reports malformed references', () => {
    expect(substituteEnv({ a: ['$${HOME}'] }, { HOME: '/root' }).value).toEqual({ a: ['${HOME}'] });
    expect(substituteEnv({ a: { b: '${not valid}' } }, {}).problems).toEqual([
      'a.b: expected ${NAME} or ${NAME:-default}, found "${not valid}"',
    ]);
    expect(substituteEnv(['${UNCLOSED'], {}).problems).toEqual(['[0]: expected ${NAME} or ${NAME:-default}, found "${UNCLOSED"']);
  });

  it('leaves numbers, booleans and keys alone', () => {
    expect(substituteEnv({ '${K}': 1, b: true, c: null }, { K: 'x' }).value).toEqual({ '${K}': 1, b: true, c: null });
  });
});
