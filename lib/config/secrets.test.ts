import { describe, expect, it } from 'vitest';
import { type ConfigError, REDACTED, parseConfig, redactConfig } from './index';

const text = `
sources:
  db: { kind: postgres, url: "\${DB_URL}" }
  events:
    kind: kafka
    brokers: ["k1:9092"]
    sasl: { mechanism: scram-sha-512, username: truthflow, password: "\${KAFKA_PASSWORD}" }
  search: { kind: opensearch, url: "\${OS_URL}", auth: { apiKey: "\${OS_KEY}" } }
traces: { token: "\${TRACES_TOKEN}" }
alerts:
  webhooks: [{ name: chat, url: "https://hooks.example.com/services/T000/B000/XXXXSECRET?x=1", format: json }]
auth:
  users: [{ name: alice, passwordHash: "scrypt$abc$def", role: admin }]
  token: "\${API_TOKEN}"
  sessionSecret: "\${SESSION_SECRET}"
`;
const env = {
  DB_URL: 'postgres://reader:db-pass-123@db.internal:5432/shop?sslmode=require&password=db-pass-123',
  KAFKA_PASSWORD: 'kafka-pass-123',
  OS_URL: 'https://admin:os-pass-123@search.internal:9200',
  OS_KEY: 'os-key-1234567890',
  TRACES_TOKEN: 'traces-token-1234567890',
  API_TOKEN: 'api-token-1234567890',
  SESSION_SECRET: 'session-secret-0123456789abcdef0123456789',
};

describe('secrets', () => {
  it('redactConfig keeps no secret, password hash or URL credentials', () => {
    const cfg = parseConfig(text, env);
    const json = JSON.stringify(redactConfig(cfg));
    for (const secret of [
      ...Object.values(env).filter((v) => !v.includes('//')),
      'db-pass-123',
      'os-pass-123',
      'scrypt$abc',
      'XXXXSECRET',
    ]) {
      expect(json).not.toContain(secret);
    }
    const redacted = redactConfig(cfg);
    expect(redacted.sources.db).toMatchObject({ url: 'postgres://db.internal:5432/shop' });
    expect(redacted.sources.search).toMatchObject({ url: 'https://search.internal:9200/', auth: { apiKey: REDACTED } });
    expect(redacted.sources.events).toMatchObject({ sasl: { mechanism: 'scram-sha-512', username: 'truthflow', password: REDACTED } });
    expect(redacted.alerts.webhooks[0]?.url).toBe(`https://hooks.example.com/${REDACTED}`);
    expect(redacted.auth?.users[0]).toEqual({ name: 'alice', passwordHash: REDACTED, role: 'admin' });
    // The original is untouched: the collectors still need the real values.
    expect(cfg.traces.token).toBe(env.TRACES_TOKEN);
  });

  it('refuses secrets written literally in the file, without echoing them', () => {
    const literal = text.replace('"${KAFKA_PASSWORD}"', 'hunter2-hunter2').replace('"${API_TOKEN}"', 'literal-token-1234567890');
    const error = (() => {
      try {
        parseConfig(literal.replace('"${DB_URL}"', 'postgres://u:pw@db/shop'), env);
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error?.problems).toEqual([
      "sources.db.url: expected the URL's password to come from an environment variable, found a literal password",
      'sources.events.sasl.password: expected a secret from an environment variable such as ${TRUTHFLOW_SOURCES_EVENTS_SASL_PASSWORD}, found a literal value',
      'auth.token: expected a secret from an environment variable such as ${TRUTHFLOW_AUTH_TOKEN}, found a literal value',
    ]);
    expect(error?.message).not.toContain('hunter2');
  });

  it('never echoes a secret in a type or length problem', () => {
    const error = (() => {
      try {
        parseConfig(text, { ...env, TRACES_TOKEN: 'short-secret' });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error?.problems).toEqual(['traces.token: expected a token of at least 16 characters, found a hidden value of 12 characters']);
  });
});
