import { z } from 'zod';
import { HTTP, bool, brokerList, int, obj, text, url } from './fields';

// Sources: connections to the monitored systems, keyed by name in the file. Secrets (passwords,
// API keys, URLs with credentials) must come from ${ENV} references; secrets.ts enforces that.

export const SOURCE_KINDS = ['postgres', 'kafka', 'opensearch', 'elasticsearch', 'redis'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const SEARCH_KINDS = ['opensearch', 'elasticsearch'] as const;

const postgres = obj({
  kind: z.literal('postgres'),
  url: url(['postgres:', 'postgresql:']),
});

const sasl = obj({
  mechanism: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']),
  username: text(),
  password: z.string().min(1),
});

const ssl = z.union([
  bool(),
  obj({
    /** Path to a PEM file with the CA certificate(s) to trust. */
    ca: text().optional(),
    rejectUnauthorized: bool().default(true),
  }),
]);

const kafka = obj({
  kind: z.literal('kafka'),
  brokers: brokerList(),
  clientId: text().default('truthflow'),
  sasl: sasl.optional(),
  ssl: ssl.optional(),
  /**
   * How many of the worst-lagging partitions get exact lag seconds, read from the timestamp of the
   * message at the committed offset (needs Read on the topic and on truthflow-reader-* groups).
   * 0 keeps the offset-time estimates only.
   */
  exactLagPartitions: int(0, 20).default(3),
  /**
   * Lag jobs this cluster's consumer groups are split into (by a stable hash of the group id), so
   * several collectors processes share one big cluster. 1 keeps one job; about ceil(groups / 2000).
   */
  lagShards: int(1, 256).default(1),
});

// One object checked by hand rather than a zod union: a union reports every branch's complaints,
// which for a single typo reads like three unrelated problems.
const searchAuth = obj({
  username: text().optional(),
  password: z.string().min(1).optional(),
  apiKey: z.string().min(1).optional(),
}).transform((a, ctx): { username: string; password: string } | { apiKey: string } => {
  if (ctx.issues.length) return z.NEVER; // an unknown field already explains what is wrong
  if (a.apiKey !== undefined && a.username === undefined && a.password === undefined) return { apiKey: a.apiKey };
  if (a.apiKey === undefined && a.username !== undefined && a.password !== undefined) {
    return { username: a.username, password: a.password };
  }
  const found = Object.keys(a).length ? `found ${Object.keys(a).join(' and ')}` : 'found neither';
  ctx.issues.push({ code: 'custom', input: a, message: `expected either username and password, or apiKey alone, ${found}` });
  return z.NEVER;
});

const search = (kind: (typeof SEARCH_KINDS)[number]) =>
  obj({
    kind: z.literal(kind),
    url: url(HTTP),
    auth: searchAuth.optional(),
  });

// Sentinel and cluster deployments are listed by their data nodes: each is read on its own, so a
// failover shows as one node's role changing, whatever the topology's own discovery says.
const redis = obj({
  kind: z.literal('redis'),
  nodes: brokerList(),
  topology: z.enum(['standalone', 'replicated', 'sentinel', 'cluster']).default('standalone'),
  auth: obj({ username: text().optional(), password: z.string().min(1) }).optional(),
  tls: bool().default(false),
});

const source = z.discriminatedUnion('kind', [postgres, kafka, search('opensearch'), search('elasticsearch'), redis]);

/** Sources keyed by name; each parsed source also carries its own name for convenience. */
export const sourcesSchema = z
  .record(z.string(), source) // keys are checked in refs.ts, so that a bad key still gets its value checked
  .default({})
  .transform((rec) => {
    const out: Record<string, z.output<typeof source> & { name: string }> = {};
    for (const [key, value] of Object.entries(rec)) out[key] = { name: key, ...value };
    return out;
  });

export type SourceConfig = z.output<typeof source> & { name: string };
export type PostgresSource = Extract<SourceConfig, { kind: 'postgres' }>;
export type KafkaSource = Extract<SourceConfig, { kind: 'kafka' }>;
export type SearchSource = Extract<SourceConfig, { kind: 'opensearch' | 'elasticsearch' }>;
export type RedisSource = Extract<SourceConfig, { kind: 'redis' }>;
